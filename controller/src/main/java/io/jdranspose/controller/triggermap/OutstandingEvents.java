package io.jdranspose.controller.triggermap;

/**
 * The published events a worker holds and has not reported yet. Events are published in order, so they
 * are added in ascending order and kept in a ring; a worker usually reports them in that order too, so a
 * report is normally the oldest entry and is dropped in O(1). A report out of order is found by binary
 * search and marked; marked entries are dropped once they reach the front (or when they are most of the
 * ring, so an event that is never reported does not keep all later ones). Nothing is allocated per
 * event once the ring has grown to the worker's credit.
 */
final class OutstandingEvents {

    /** Entries are event numbers (never negative); a reported one is stored as {@code -1 - event}. */
    private long[] ring = new long[16];
    private int head;
    /** Entries in the ring, reported ones included. */
    private int length;
    /** Entries not reported yet. */
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The oldest event not reported yet; only valid when not empty. */
    long first() {
        return ring[head]; // the front is never a reported entry, see drop()
    }

    /**
     * @throws IllegalArgumentException if the event is not after every event added before
     */
    void add(long event) {
        if (event < 0 || (length > 0 && event <= decoded(at(length - 1)))) {
            throw new IllegalArgumentException("event " + event + " is not after the worker's last published event");
        }
        if (length == ring.length) {
            grow();
        }
        ring[(head + length) & (ring.length - 1)] = event;
        length++;
        size++;
    }

    /** Marks an event reported; returns false if it is not held (never added, or reported before). */
    boolean remove(long event) {
        if (size == 0 || event < 0) {
            return false;
        }
        int index;
        if (ring[head] == event) {
            index = 0;
        } else {
            index = search(event);
            if (index < 0 || at(index) != event) {
                return false; // absent, or already marked reported
            }
        }
        ring[(head + index) & (ring.length - 1)] = -1 - event;
        size--;
        drop();
        if (length >= 64 && length > 4 * size) {
            compact(); // an event never reported keeps every later reported one in the ring
        }
        return true;
    }

    private void compact() {
        long[] kept = new long[ring.length];
        int count = 0;
        for (int i = 0; i < length; i++) {
            long entry = at(i);
            if (entry >= 0) {
                kept[count++] = entry;
            }
        }
        ring = kept;
        head = 0;
        length = count;
    }

    /** Drops reported entries from the front, so the front is always an unreported event. */
    private void drop() {
        while (length > 0 && ring[head] < 0) {
            head = (head + 1) & (ring.length - 1);
            length--;
        }
    }

    /** Position of the entry for an event (reported or not), or -1; entries ascend by event. */
    private int search(long event) {
        int low = 0;
        int high = length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = decoded(at(middle));
            if (found < event) {
                low = middle + 1;
            } else if (found > event) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    private long at(int index) {
        return ring[(head + index) & (ring.length - 1)];
    }

    private static long decoded(long entry) {
        return entry >= 0 ? entry : -1 - entry;
    }

    private void grow() {
        long[] bigger = new long[ring.length * 2];
        for (int i = 0; i < length; i++) {
            bigger[i] = at(i);
        }
        ring = bigger;
        head = 0;
    }
}
