package io.jdranspose.api.publish;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group or dataset of the publish tree: a path, attributes and a modification time. Readers (the HTTP
 * API, the HDF5 writer) only ever see snapshots; all methods are thread-safe.
 */
public abstract sealed class Node permits Group, Dataset {
    private static final VarHandle LAST_MODIFIED;
    /** Wall-clock microseconds at {@code System.nanoTime() == 0}: a monotonic clock with microsecond steps. */
    private static final long EPOCH_MICROS_AT_NANO_ZERO = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;

    static {
        try {
            LAST_MODIFIED = MethodHandles.lookup().findVarHandle(Node.class, "lastModifiedMicros", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String path;
    private final String name;
    private final Map<String, Value> attributes = new LinkedHashMap<>();
    private final long createdMillis = System.currentTimeMillis();
    private volatile long lastModifiedMicros = createdMillis * 1000;

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
        if (v instanceof CompoundValue) {
            throw new IllegalArgumentException("attribute '" + attributeName + "' on " + path
                    + ": compound attributes are not supported");
        }
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
        return lastModifiedMicros / 1000;
    }

    /**
     * When this node last changed, in microseconds since the epoch; strictly increasing with every change,
     * so a client comparing it sees every change. (In milliseconds, a reducer making a million changes a
     * second would have to run the clock ahead of real time to keep it increasing.)
     */
    public long lastModifiedMicros() {
        return lastModifiedMicros;
    }

    public long createdMillis() {
        return createdMillis;
    }

    void touch() {
        long now = EPOCH_MICROS_AT_NANO_ZERO + System.nanoTime() / 1000;
        long last;
        do {
            last = lastModifiedMicros;
        } while (!LAST_MODIFIED.compareAndSet(this, last, Math.max(now, last + 1)));
    }
}
