package io.jdranspose.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * The raw hop's PUSH socket ({@link RawHop}), connected to exactly one peer and used from one thread: what
 * the components' ZeroMQ sockets to each other needed before they moved to plain TCP, so that the yardstick
 * is measured as they were. jeromq 0.6.0 now and then leaves a fresh TCP connection stuck before its
 * handshake, and what is queued for it is lost when it finally gives up; so this socket does not count as
 * connected until the ZeroMQ handshake completed, and a connection that does not complete it within the
 * handshake timeout is torn down and made again ({@link #awaitConnected}). Sends block while the peer's
 * queue is full (the high water mark). Every wait asks a give-up callback.
 *
 * <p>Connection events arrive through {@code setEventHook}, a callback on the I/O thread, not through an
 * inproc monitor socket: jeromq sends monitor events with a blocking send from its I/O thread, so a monitor
 * nobody reads (its reader closed first, or 1000 unread events) stalls every socket of the context.
 */
final class ConnectedPush implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectedPush.class);
    private static final int SEND_TIMEOUT_MILLIS = 50;

    private final ZContext context;
    private final String endpoint;
    private final int highWaterMark;
    private final Duration handshakeTimeout;
    private ZMQ.Socket socket;
    private volatile Connection connection;
    private boolean closed;
    private int reopened;

    /** Handshake state of one socket, written by the I/O thread. */
    private static final class Connection implements ZEvent.ZEventConsummer {
        /** When the current attempt began (the socket was made, or jeromq reconnected after a disconnect). */
        volatile long sinceNanos = System.nanoTime();
        /** When the socket last stopped being connected (or was made). */
        volatile long lostNanos = sinceNanos;
        volatile boolean handshaken;

        @Override
        public void consume(ZEvent event) {
            if (event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
                handshaken = true;
            } else if (event.getEvent() == ZMonitor.Event.DISCONNECTED) {
                // jeromq reconnects by itself; give that attempt the full handshake timeout
                long now = System.nanoTime();
                sinceNanos = now;
                if (handshaken) {
                    lostNanos = now;
                }
                handshaken = false;
            }
        }

        /**
         * Whether to make a new socket: this attempt had its handshake timeout, or jeromq's own reconnects of
         * this socket have not connected for twice that (a socket stuck once stays stuck through them, each
         * failed attempt restarting the first clock: seen as a worker that could not reach the reducer for 10 s
         * while another worker could).
         */
        boolean stuck(long now, long timeoutNanos) {
            return !handshaken && (now - sinceNanos > timeoutNanos || now - lostNanos > 2 * timeoutNanos);
        }
    }

    /**
     * @param highWaterMark messages queued for the peer before sends block
     */
    ConnectedPush(ZContext context, String endpoint, int highWaterMark, Duration handshakeTimeout) {
        this.context = context;
        this.endpoint = endpoint;
        this.highWaterMark = highWaterMark;
        this.handshakeTimeout = handshakeTimeout;
        open();
    }

    public String endpoint() {
        return endpoint;
    }

    /** How often a socket that did not connect was replaced by a new one. */
    int reopened() {
        return reopened;
    }

    private void open() {
        socket = context.createSocket(SocketType.PUSH);
        socket.setLinger(0);
        socket.setSndHWM(highWaterMark);
        socket.setSendTimeOut(SEND_TIMEOUT_MILLIS);
        socket.setHandshakeIvl((int) handshakeTimeout.toMillis());
        socket.setImmediate(true);
        socket.setTCPKeepAlive(1);
        Connection c = new Connection();
        connection = c;
        socket.setEventHook(c, ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED);
        socket.connect(endpoint);
    }

    private void reopen() {
        LOG.debug("no ZeroMQ handshake with {} within {} ms; connecting again", endpoint, handshakeTimeout.toMillis());
        socket.close();
        reopened++;
        open();
    }

    /** Whether the handshake with the peer has completed (does not wait; reconnects a stuck attempt). */
    public boolean isConnected() {
        Connection c = connection;
        if (c.stuck(System.nanoTime(), handshakeTimeout.toNanos())) {
            reopen();
            return false;
        }
        return c.handshaken;
    }

    /**
     * Waits until the handshake completed, reconnecting each time it does not within the handshake timeout.
     *
     * @return whether the peer is connected; false after {@code timeout} or as soon as {@code giveUp} says so
     */
    public boolean awaitConnected(Duration timeout, BooleanSupplier giveUp) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected()) {
            if (System.nanoTime() > deadline || giveUp.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Sends {@code header} followed by {@code frames} as one multipart message, waiting while the peer's queue
     * is full.
     *
     * @return true when queued; false when {@code giveUp} said so first (asked every 50 ms of waiting)
     * @throws IllegalStateException when ZeroMQ refuses the message for another reason than a full queue
     */
    public boolean send(byte[] header, List<byte[]> frames, BooleanSupplier giveUp) {
        int last = frames.size();
        while (!socket.send(header, last == 0 ? 0 : ZMQ.SNDMORE)) {
            if (socket.errno() != zmq.ZError.EAGAIN) {
                throw new IllegalStateException("cannot send to " + endpoint + ": errno " + socket.errno());
            }
            if (giveUp.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        for (int i = 0; i < last; i++) {
            // the rest of a multipart message never blocks once its first part is queued
            socket.send(frames.get(i), i == last - 1 ? 0 : ZMQ.SNDMORE);
        }
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            socket.close();
        }
    }
}
