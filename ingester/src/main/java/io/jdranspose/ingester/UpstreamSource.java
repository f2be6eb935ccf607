package io.jdranspose.ingester;

import java.util.List;

/**
 * Where one scan's upstream messages come from: a ZeroMQ socket, a TCP connection or the posts an HTTP
 * endpoint received. Opened when a scan that includes the stream starts and closed when it ends, so nothing
 * of one scan is read in the next. Used by the forwarding thread only.
 */
interface UpstreamSource extends AutoCloseable {
    /**
     * The next message, as a list of frames.
     *
     * @param wait whether to wait a few milliseconds for one (never longer: the caller checks for scan switches)
     * @return null when none arrived
     */
    List<byte[]> receive(boolean wait);

    /**
     * The forwarding thread is done with these frames of a message this source returned: they were copied on
     * and nothing refers to them any more, so the source may receive into their arrays again.
     */
    default void recycle(List<byte[]> frames) {
    }

    /** Whether the source has ended for good (a TCP peer closed the connection); ZeroMQ sources never end. */
    default boolean exhausted() {
        return false;
    }

    @Override
    void close();
}
