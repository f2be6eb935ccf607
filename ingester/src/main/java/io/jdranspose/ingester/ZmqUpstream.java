package io.jdranspose.ingester;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The socket to the detector for one scan: PULL or SUB (subscribed to everything), connected to the
 * detector's bound endpoint. Used only by the forwarding thread; closed with linger 0 when the scan ends or
 * is abandoned, so nothing of it is read for the next scan.
 */
final class ZmqUpstream implements UpstreamSource {
    /**
     * Messages ZeroMQ holds before the ingester reads them. Small, because frames can be megabytes: on PULL
     * the detector's own queue and its blocked sends hold the rest; on SUB the ingester's bounded queue does,
     * where what does not fit is counted.
     */
    static final int RECEIVE_HIGH_WATER_MARK = 100;
    /** How long a blocking receive waits, so the forwarding thread keeps noticing scan changes. */
    static final int RECEIVE_TIMEOUT_MILLIS = 20;
    /** A stuck connection is dropped and made again after this long (jeromq 0.6.0 sometimes leaves one). */
    static final int HANDSHAKE_MILLIS = 2000;

    private final ZContext context;
    private final ZMQ.Socket socket;
    private final RecycledArrays arrays = new RecycledArrays();
    private boolean closed;

    ZmqUpstream(ZContext context, UpstreamSocket kind, String url) {
        this.context = context;
        this.socket = context.createSocket(kind == UpstreamSocket.SUB ? SocketType.SUB : SocketType.PULL);
        try {
            socket.setLinger(0);
            socket.setRcvHWM(RECEIVE_HIGH_WATER_MARK);
            socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
            socket.setHandshakeIvl(HANDSHAKE_MILLIS);
            // heap arrays, which recv() hands over as they are (by default jeromq puts messages over 1 MiB into
            // direct buffers, and recv() then copies each into a new byte[]); large ones are used again
            socket.setMsgAllocator(arrays);
            if (kind == UpstreamSocket.SUB) {
                socket.subscribe(new byte[0]);
            }
            if (!socket.connect(url)) {
                throw new IllegalArgumentException("cannot connect to upstream " + url + ": errno " + socket.errno());
            }
        } catch (RuntimeException e) {
            context.destroySocket(socket);
            throw e;
        }
    }

    /** The next multipart message, its parts as ZeroMQ delivered them; waits up to {@link #RECEIVE_TIMEOUT_MILLIS}. */
    @Override
    public List<byte[]> receive(boolean wait) {
        byte[] first = socket.recv(wait ? 0 : ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        if (!socket.hasReceiveMore()) {
            return List.of(first);
        }
        byte[] second = socket.recv(0);
        if (!socket.hasReceiveMore()) {
            return List.of(first, second);
        }
        List<byte[]> parts = new ArrayList<>(4);
        parts.add(first);
        parts.add(second);
        do {
            parts.add(socket.recv(0));
        } while (socket.hasReceiveMore());
        return parts;
    }

    @Override
    public void recycle(List<byte[]> frames) {
        arrays.recycle(frames);
    }

    /** The arrays for receiving large frames (for tests). */
    RecycledArrays arrays() {
        return arrays;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.destroySocket(socket);
        }
    }
}
