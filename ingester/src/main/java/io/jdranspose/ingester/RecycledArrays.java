package io.jdranspose.ingester;

import io.jdranspose.runtime.wire.FrameArrayPool;
import java.util.List;
import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * The arrays jeromq receives large upstream frames into, used again once the ingester has copied a frame on
 * (see {@link FrameArrayPool} for why). jeromq hands an array-backed message to {@code recv()} as it is when
 * the array has exactly the message's size, which the pool's arrays have. An array comes back only when
 * nothing refers to it any more ({@link UpstreamSource#recycle}). Called by jeromq's I/O thread and the
 * forwarding thread.
 */
final class RecycledArrays implements MsgAllocator {
    private final FrameArrayPool pool = new FrameArrayPool();

    @Override
    public Msg allocate(int size) {
        if (size >= FrameArrayPool.MIN_BYTES) {
            byte[] array = pool.poll(size);
            if (array != null) {
                return new Msg(array);
            }
        }
        return new Msg(size);
    }

    /** Takes back the large arrays among {@code frames}, which nothing refers to any more. */
    void recycle(List<byte[]> frames) {
        for (int i = 0, n = frames.size(); i < n; i++) {
            pool.giveBack(frames.get(i));
        }
    }

    /** Arrays handed out a second time or more. */
    long reused() {
        return pool.reused();
    }

    /** Arrays waiting to be used again. */
    int kept() {
        return pool.kept();
    }
}
