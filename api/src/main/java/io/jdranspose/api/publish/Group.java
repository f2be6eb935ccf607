package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A group: named children (groups and datasets) in the order they were created, plus attributes. */
public final class Group extends Node {
    private final Map<String, Node> children = new LinkedHashMap<>();

    Group(String path, String name) {
        super(path, name);
    }

    /** The child group {@code name}, created if missing. */
    public Group group(String childName) {
        return child(childName, Group.class, p -> new Group(p, childName));
    }

    /**
     * The numeric child dataset {@code name}, created little endian with type {@code dtype} if missing; an
     * existing dataset of that type is returned whatever its byte order.
     */
    public NumericDataset numeric(String childName, DType dtype) {
        NumericDataset d = child(childName, NumericDataset.class,
                p -> new NumericDataset(p, childName, dtype, ByteOrder.LITTLE_ENDIAN));
        requireType(d, dtype);
        return d;
    }

    /**
     * The numeric child dataset {@code name}, created with type {@code dtype} and byte order {@code order}
     * (how the HSDS API sends it in binary) if missing.
     */
    public NumericDataset numeric(String childName, DType dtype, ByteOrder order) {
        NumericDataset d = child(childName, NumericDataset.class, p -> new NumericDataset(p, childName, dtype, order));
        requireType(d, dtype);
        if (d.byteOrder() != order) {
            throw new IllegalStateException(d.path() + " is " + d.byteOrder() + ", not " + order);
        }
        return d;
    }

    /** The string child dataset {@code name}, created if missing. */
    public StringDataset strings(String childName) {
        return child(childName, StringDataset.class, p -> new StringDataset(p, childName));
    }

    /** The compound child dataset {@code name}, created with {@code fields} if missing. */
    public CompoundDataset compound(String childName, List<Field> fields) {
        CompoundDataset d = child(childName, CompoundDataset.class, p -> new CompoundDataset(p, childName, fields));
        if (!d.fields().equals(fields)) {
            throw new IllegalStateException(d.path() + " has fields " + d.fields() + ", not " + fields);
        }
        return d;
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

    private static void requireType(NumericDataset d, DType dtype) {
        if (d.dtype() != dtype) {
            throw new IllegalStateException(d.path() + " is " + d.dtype().numpyName() + ", not " + dtype.numpyName());
        }
    }

    private <T extends Node> T child(String childName, Class<T> kind, Function<String, T> create) {
        checkName(childName);
        T created;
        synchronized (children) {
            Node existing = children.get(childName);
            if (existing != null) {
                if (!kind.isInstance(existing)) {
                    throw new IllegalStateException(existing.path() + " is a " + describe(existing.getClass())
                            + ", not a " + describe(kind));
                }
                return kind.cast(existing);
            }
            created = create.apply(path().equals("/") ? "/" + childName : path() + "/" + childName);
            children.put(childName, created);
        }
        touch();
        return created;
    }

    private static void checkName(String childName) {
        if (childName == null || childName.isEmpty() || childName.contains("/") || childName.equals(".")
                || childName.equals("..")) {
            throw new IllegalArgumentException("invalid name '" + childName + "' in the publish tree");
        }
    }

    private static String describe(Class<?> kind) {
        if (kind == Group.class) {
            return "group";
        }
        if (kind == NumericDataset.class) {
            return "numeric dataset";
        }
        return kind == StringDataset.class ? "string dataset" : "compound dataset";
    }
}
