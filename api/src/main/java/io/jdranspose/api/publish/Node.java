package io.jdranspose.api.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group or dataset of the publish tree: a path, attributes and a modification time. Readers (the HTTP
 * API, the HDF5 writer) only ever see snapshots; all methods are thread-safe.
 */
public abstract sealed class Node permits Group, Dataset {
    private final String path;
    private final String name;
    private final Map<String, Value> attributes = new LinkedHashMap<>();
    private volatile long lastModifiedMillis = System.currentTimeMillis();
    private final long createdMillis = lastModifiedMillis;

    Node(String path, String name) {
        this.path = path;
        this.name = name;
    }

    /** Absolute path, {@code /} for the root. */
    public String path() {
        return path;
    }

    /** Last path component; empty for the root. */
    public String name() {
        return name;
    }

    /**
     * Sets an attribute: a string, string list, number, boolean or primitive array. NeXus viewers look
     * for {@code NX_class} on groups and {@code units} / {@code long_name} on datasets.
     */
    public Node attribute(String attributeName, Object value) {
        if (attributeName == null || attributeName.isEmpty() || attributeName.contains("/")) {
            throw new IllegalArgumentException("invalid attribute name '" + attributeName + "' on " + path);
        }
        Value v = Value.of(value);
        synchronized (attributes) {
            attributes.put(attributeName, v);
        }
        touch();
        return this;
    }

    public void removeAttribute(String attributeName) {
        synchronized (attributes) {
            attributes.remove(attributeName);
        }
        touch();
    }

    /** A snapshot of the attributes in the order they were first set. */
    public Map<String, Value> attributes() {
        synchronized (attributes) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    public int attributeCount() {
        synchronized (attributes) {
            return attributes.size();
        }
    }

    /** When this node (its value, its attributes, or for a group its list of children) last changed. */
    public long lastModifiedMillis() {
        return lastModifiedMillis;
    }

    public long createdMillis() {
        return createdMillis;
    }

    void touch() {
        long now = System.currentTimeMillis();
        // strictly increasing, so that a client comparing lastModified sees every change
        lastModifiedMillis = Math.max(now, lastModifiedMillis + 1);
    }
}
