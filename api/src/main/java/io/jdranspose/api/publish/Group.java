package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A group: named children (groups and datasets) in the order they were created, plus attributes. */
public final class Group extends Node {
    private final Map<String, Node> children = new LinkedHashMap<>();

    Group(String path, String name) {
        super(path, name);
    }

    /** The child group {@code name}, created if missing. */
    public Group group(String childName) {
        return child(childName, Group.class, null);
    }

    /** The numeric child dataset {@code name}, created with type {@code dtype} if missing. */
    public NumericDataset numeric(String childName, DType dtype) {
        NumericDataset d = child(childName, NumericDataset.class, dtype);
        if (d.dtype() != dtype) {
            throw new IllegalStateException(d.path() + " is " + d.dtype().numpyName() + ", not " + dtype.numpyName());
        }
        return d;
    }

    /** The string child dataset {@code name}, created if missing. */
    public StringDataset strings(String childName) {
        return child(childName, StringDataset.class, null);
    }

    /** The child named {@code name}, or {@code null}. */
    public Node get(String childName) {
        synchronized (children) {
            return children.get(childName);
        }
    }

    /** A snapshot of the children in creation order. */
    public List<Node> children() {
        synchronized (children) {
            return new ArrayList<>(children.values());
        }
    }

    public int childCount() {
        synchronized (children) {
            return children.size();
        }
    }

    /** Removes a child (and everything below it); returns whether it existed. */
    public boolean remove(String childName) {
        boolean removed;
        synchronized (children) {
            removed = children.remove(childName) != null;
        }
        if (removed) {
            touch();
        }
        return removed;
    }

    private <T extends Node> T child(String childName, Class<T> kind, DType dtype) {
        checkName(childName);
        Node created;
        synchronized (children) {
            Node existing = children.get(childName);
            if (existing != null) {
                if (!kind.isInstance(existing)) {
                    throw new IllegalStateException(existing.path() + " is a " + describe(existing) + ", not a "
                            + describe(kind));
                }
                return kind.cast(existing);
            }
            String childPath = path().equals("/") ? "/" + childName : path() + "/" + childName;
            if (kind == Group.class) {
                created = new Group(childPath, childName);
            } else if (kind == NumericDataset.class) {
                created = new NumericDataset(childPath, childName, dtype);
            } else {
                created = new StringDataset(childPath, childName);
            }
            children.put(childName, created);
        }
        touch();
        return kind.cast(created);
    }

    private static void checkName(String childName) {
        if (childName == null || childName.isEmpty() || childName.contains("/") || childName.equals(".")
                || childName.equals("..")) {
            throw new IllegalArgumentException("invalid name '" + childName + "' in the publish tree");
        }
    }

    private static String describe(Object nodeOrClass) {
        Class<?> c = nodeOrClass instanceof Class<?> k ? k : nodeOrClass.getClass();
        if (c == Group.class) {
            return "group";
        }
        return c == NumericDataset.class ? "numeric dataset" : "string dataset";
    }
}
