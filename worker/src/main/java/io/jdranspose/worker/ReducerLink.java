package io.jdranspose.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * The worker's PUSH socket to the reducer's inbox, owned by the plugin thread. Like the runtime's
 * {@code ConnectedPush}, a connection counts only once the ZeroMQ handshake completed, and one that does not
 * complete it within the handshake timeout is made again (jeromq 0.6.0 now and then leaves a fresh TCP
 * connection stuck before its handshake). Two differences:
 * <ul>
 *   <li>every wait can be given up: a send to a reducer whose queue is full waits (backpressure), but not
 *       past the moment the scan is abandoned, the reducer is replaced (it binds a new port when it
 *       restarts, so the old endpoint would never drain) or the worker stops;</li>
 *   <li>handshake and disconnect events come through {@code setEventHook} (a callback on the I/O thread),
 *       not through an inproc monitor socket: jeromq sends monitor events with a <em>blocking</em> send from
 *       its I/O thread, so a monitor nobody reads (its reader closed first, or 1000 unread events) stalls
 *       the I/O thread of the whole context: every socket of the worker, the inbox included.</li>
 * </ul>
 */
final class ReducerLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReducerLink.class);
    private static final int SEND_TIMEOUT_MILLIS = 50;

    private final ZContext context;
    private final String endpoint;
    private final String serviceUuid;
    private final int highWaterMark;
    private final Duration handshakeTimeout;
    private ZMQ.Socket socket;
    private Connection connection;
    private boolean closed;

    /** Handshake state of one socket, written by the I/O thread. */
    private static final class Connection implements ZEvent.ZEventConsummer {
        volatile boolean handshaken;
        volatile long sinceNanos = System.nanoTime();

        @Override
        public void consume(ZEvent event) {
            if (event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
                handshaken = true;
            } else if (event.getEvent() == ZMonitor.Event.DISCONNECTED) {
                sinceNanos = System.nanoTime();
                handshaken = false;
            }
        }
    }

    ReducerLink(ZContext context, String endpoint, String serviceUuid, int highWaterMark, Duration handshakeTimeout) {
        this.context = context;
        this.endpoint = endpoint;
        this.serviceUuid = serviceUuid;
        this.highWaterMark = highWaterMark;
        this.handshakeTimeout = handshakeTimeout;
        open();
    }

    String endpoint() {
        return endpoint;
    }

    /** The reducer process this link was made for (its member state's {@code service_uuid}). */
    String serviceUuid() {
        return serviceUuid;
    }

    private void open() {
        socket = context.createSocket(SocketType.PUSH);
        socket.setLinger(0);
        socket.setSndHWM(highWaterMark);
        socket.setSendTimeOut(SEND_TIMEOUT_MILLIS);
        socket.setHandshakeIvl((int) handshakeTimeout.toMillis());
        socket.setImmediate(true);
        socket.setTCPKeepAlive(1);
        connection = new Connection();
        socket.setEventHook(connection, ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED);
        socket.connect(endpoint);
    }

    private void reopen() {
        LOG.debug("no ZeroMQ handshake with {} within {} ms; connecting again", endpoint, handshakeTimeout.toMillis());
        socket.close();
        open();
    }

    /** Whether the handshake with the reducer has completed (does not wait). */
    boolean isConnected() {
        Connection c = connection;
        if (!c.handshaken && System.nanoTime() - c.sinceNanos > handshakeTimeout.toNanos()) {
            reopen();
            return false;
        }
        return c.handshaken;
    }

    /**
     * Waits until the handshake completed, reconnecting whenever it does not within the handshake timeout.
     *
     * @return whether the reducer is connected; false after {@code timeout} or when {@code giveUp} says so
     */
    boolean awaitConnected(Duration timeout, BooleanSupplier giveUp) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected()) {
            if (System.nanoTime() > deadline || giveUp.getAsBoolean()) {
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
     * Sends {@code [header, payload]}, waiting while the reducer's queue is full.
     *
     * @return true when queued; false when {@code giveUp} said so first (checked every 50 ms of waiting)
     * @throws IllegalStateException when ZeroMQ refuses the message for another reason than a full queue
     */
    boolean send(byte[] header, byte[] payload, BooleanSupplier giveUp) {
        while (!socket.send(header, ZMQ.SNDMORE)) {
            if (socket.errno() != zmq.ZError.EAGAIN) {
                throw new IllegalStateException("cannot send to " + endpoint + ": errno " + socket.errno());
            }
            if (giveUp.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        // the rest of a multipart message never blocks once its first part is queued
        socket.send(payload, 0);
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
