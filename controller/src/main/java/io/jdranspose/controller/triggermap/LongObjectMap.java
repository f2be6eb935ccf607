package io.jdranspose.controller.triggermap;

import java.util.Arrays;

/**
 * A hash map from {@code long} to non-null values, for the per-event and per-constraint tables the
 * controller updates for every event: no boxed key and no entry object per mapping, so a steady
 * stream of events allocates nothing once the table has grown to the number in flight.
 *
 * <p>Open addressing with linear probing; a removal shifts the following entries back, so there are no
 * tombstones. Iteration order is unspecified. Not thread-safe.
 *
 * @param <V> value type; {@code null} marks an empty slot and cannot be stored
 */
final class LongObjectMap<V> {

    /** Receives the entries of {@link #forEach}. */
    @FunctionalInterface
    interface Entries<V> {
        void accept(long key, V value);
    }

    /** Decides which entries {@link #removeIf} drops. */
    @FunctionalInterface
    interface EntryTest<V> {
        boolean test(long key, V value);
    }

    private static final int MIN_CAPACITY = 16;

    private long[] keys;
    private Object[] values;
    private int mask;
    /** 64 minus log2 of the capacity: {@link #slot} takes that many top bits of the mixed key. */
    private int shift;
    private int size;

    LongObjectMap() {
        keys = new long[MIN_CAPACITY];
        values = new Object[MIN_CAPACITY];
        mask = MIN_CAPACITY - 1;
        shift = 64 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean containsKey(long key) {
        return get(key) != null;
    }

    /** The value of a key, or null. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) value;
            }
        }
    }

    /** Maps a key to a value; returns the previous value, or null. */
    V put(long key, V value) {
        return insert(key, value, true);
    }

    /** Maps a key to a value unless it has one; returns the value it had, or null (then it has this one now). */
    V putIfAbsent(long key, V value) {
        return insert(key, value, false);
    }

    /** Removes a key; returns the value it had, or null. */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return null;
            }
            if (keys[i] == key) {
                deleteAt(i);
                return (V) value;
            }
        }
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    void forEach(Entries<? super V> action) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    /** Removes every entry the test accepts; returns whether any was removed. */
    @SuppressWarnings("unchecked")
    boolean removeIf(EntryTest<? super V> test) {
        // Collected first: removing shifts entries, which would disturb a scan over the slots.
        long[] doomed = new long[size];
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && test.test(keys[i], (V) values[i])) {
                doomed[count++] = keys[i];
            }
        }
        for (int k = 0; k < count; k++) {
            remove(doomed[k]);
        }
        return count > 0;
    }

    @SuppressWarnings("unchecked")
    private V insert(long key, V value, boolean replace) {
        if (value == null) {
            throw new NullPointerException("null values are not stored");
        }
        int i = slot(key);
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                Object previous = values[i];
                if (replace) {
                    values[i] = value;
                }
                return (V) previous;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size > values.length / 2) {
            grow();
        }
        return null;
    }

    /** Empties slot {@code i} and moves back later entries of the run that would no longer be found. */
    private void deleteAt(int i) {
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            // j's entry may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeBetween = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!homeBetween) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        size--;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = values.length - 1;
        shift--;
        for (int i = 0; i < oldValues.length; i++) {
            Object value = oldValues[i];
            if (value != null) {
                int j = slot(oldKeys[i]);
                while (values[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = value;
            }
        }
    }

    /**
     * Fibonacci hashing (the top bits of the key times 2^64/φ): consecutive event numbers, the usual keys,
     * land evenly spread with no collision, and keys with a common stride do not pile up as with {@code key & mask}.
     */
    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
