package io.jdranspose.ingester;

import java.util.ArrayDeque;
import java.util.List;
import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * The arrays jeromq receives large upstream frames into, used again once the ingester has copied a frame on.
 *
 * <p>Why: a new array per frame costs the receiving I/O thread more than reading the frame itself. The JVM
 * zeroes it, and for G1 an array of megabytes is humongous: allocated on a slow path outside the young
 * generation and freed only by a collection. At 2 MiB frames that bounded the ingester.
 *
 * <p>jeromq hands an array-backed message to {@code recv()} as it is when the array has exactly the message's
 * size, so arrays are kept by size: only the size last given back, which for a detector is its frame size.
 * An array must come back only when nothing refers to it any more ({@link UpstreamSource#recycle}); one that
 * never comes back is simply collected. Called by jeromq's I/O thread and the forwarding thread.
 */
final class RecycledArrays implements MsgAllocator {
    /** Smaller frames are cheap to allocate and not worth the bookkeeping. */
    static final int MIN_BYTES = 64 * 1024;
    /** At most this much is kept for reuse. */
    static final long MAX_KEPT_BYTES = 64L << 20;

    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private int freeLength;
    private long reused;

    @Override
    public Msg allocate(int size) {
        if (size >= MIN_BYTES) {
            byte[] array = take(size);
            if (array != null) {
                return new Msg(array);
            }
        }
        return new Msg(size);
    }

    private synchronized byte[] take(int size) {
        if (size != freeLength) {
            return null;
        }
        byte[] array = free.pollLast();
        if (array != null) {
            reused++;
        }
        return array;
    }

    /** Takes back the large arrays among {@code frames}, which nothing refers to any more. */
    synchronized void recycle(List<byte[]> frames) {
        for (int i = 0, n = frames.size(); i < n; i++) {
            byte[] f = frames.get(i);
            if (f.length < MIN_BYTES) {
                continue;
            }
            if (f.length != freeLength) {
                free.clear();
                freeLength = f.length;
            }
            if ((free.size() + 1L) * f.length <= MAX_KEPT_BYTES) {
                free.addLast(f);
            }
        }
    }

    /** Arrays handed out a second time or more. */
    synchronized long reused() {
        return reused;
    }

    /** Arrays waiting to be used again. */
    synchronized int kept() {
        return free.size();
    }
}
