package io.jdranspose.runtime.wire;

import java.util.ArrayDeque;

/**
 * Large frame arrays kept for use again, so that a component moving frames of megabytes does not write each
 * one into new memory.
 *
 * <p>Why: a new array per frame costs more than the copy into it. Its memory is in no cache, so copying a
 * 2 MiB frame into a new array takes 0.7 ms here against 0.3 ms into an array used a moment ago; and for
 * G1 an array of megabytes is humongous, allocated on a slow path and freed only by a collection.
 *
 * <p>Arrays are kept by size: only those of the size last given back, which for a detector is its frame
 * size, at most {@link #MAX_KEPT_BYTES} of them, none under {@link #MIN_BYTES}. The last given back is the
 * first taken again, as the one a cache most likely still holds. An array must be given back only when
 * nothing refers to it any more; one that never comes back is simply collected. Thread-safe.
 */
public final class FrameArrayPool {
    /** Smaller frames are cheap to allocate and not worth the bookkeeping. */
    public static final int MIN_BYTES = 64 * 1024;
    /** At most this much is kept. */
    public static final long MAX_KEPT_BYTES = 64L << 20;

    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private int freeLength;
    private long reused;

    /** An array of exactly {@code length} bytes that was given back, or null when none is kept. */
    public synchronized byte[] poll(int length) {
        if (length != freeLength) {
            return null;
        }
        byte[] array = free.pollLast();
        if (array != null) {
            reused++;
        }
        return array;
    }

    /** An array of exactly {@code length} bytes: one that was given back, else a new one. */
    public byte[] take(int length) {
        byte[] array = poll(length);
        return array != null ? array : new byte[length];
    }

    /** Takes {@code array} back, if it is large enough and there is room; nothing may refer to it any more. */
    public synchronized void giveBack(byte[] array) {
        if (array.length < MIN_BYTES) {
            return;
        }
        if (array.length != freeLength) {
            free.clear();
            freeLength = array.length;
        }
        if ((free.size() + 1L) * array.length <= MAX_KEPT_BYTES) {
            free.addLast(array);
        }
    }

    /** Arrays handed out a second time or more. */
    public synchronized long reused() {
        return reused;
    }

    /** Arrays waiting to be used again. */
    public synchronized int kept() {
        return free.size();
    }
}
