package io.jdranspose.runtime.wire;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * A PUSH socket connected to exactly one peer (a worker's inbox, the reducer's inbox), used from one
 * thread. jeromq 0.6.0 now and then leaves a fresh TCP connection stuck before its handshake, and what is
 * queued for it is lost when it finally gives up; so this socket does not count as connected until the
 * ZeroMQ handshake completed, and a connection that does not complete it within the handshake timeout is
 * torn down and made again ({@link #awaitConnected}). Sends block while the peer's queue is full (the high
 * water mark): that is the backpressure that travels back to the detector.
 */
public final class ConnectedPush implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectedPush.class);
    private static final AtomicInteger MONITOR_IDS = new AtomicInteger();
    private static final int SEND_TIMEOUT_MILLIS = 100;

    private final ZContext context;
    private final String endpoint;
    private final int highWaterMark;
    private final Duration handshakeTimeout;
    private ZMQ.Socket socket;
    private ZMQ.Socket monitor;
    private long connectedAtNanos;
    private boolean handshaken;
    private volatile boolean closed;

    /**
     * @param highWaterMark messages queued for the peer before sends block
     */
    public ConnectedPush(ZContext context, String endpoint, int highWaterMark, Duration handshakeTimeout) {
        this.context = context;
        this.endpoint = endpoint;
        this.highWaterMark = highWaterMark;
        this.handshakeTimeout = handshakeTimeout;
        open();
    }

    public String endpoint() {
        return endpoint;
    }

    private void open() {
        socket = context.createSocket(SocketType.PUSH);
        socket.setLinger(0);
        socket.setSndHWM(highWaterMark);
        socket.setSendTimeOut(SEND_TIMEOUT_MILLIS);
        socket.setHandshakeIvl((int) handshakeTimeout.toMillis());
        socket.setImmediate(true);
        String address = "inproc://connected-push-monitor-" + MONITOR_IDS.incrementAndGet();
        socket.monitor(address, ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(address);
        socket.connect(endpoint);
        connectedAtNanos = System.nanoTime();
        handshaken = false;
    }

    private void reopen() {
        LOG.debug("no ZeroMQ handshake with {} within {} ms; connecting again", endpoint, handshakeTimeout.toMillis());
        context.destroySocket(monitor);
        context.destroySocket(socket);
        open();
    }

    /** Whether the handshake with the peer has completed (polls the monitor; does not wait). */
    public boolean isConnected() {
        pollMonitor();
        if (!handshaken && System.nanoTime() - connectedAtNanos > handshakeTimeout.toNanos()) {
            reopen();
        }
        return handshaken;
    }

    /**
     * Waits until the handshake completed, reconnecting each time it does not within the handshake timeout.
     *
     * @return whether the peer is connected before {@code timeout}
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while connecting to " + endpoint);
            }
            Thread.sleep(2);
        }
        return true;
    }

    private void pollMonitor() {
        for (ZEvent event = ZEvent.recv(monitor, ZMQ.DONTWAIT); event != null; event = ZEvent.recv(monitor, ZMQ.DONTWAIT)) {
            if (event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
                handshaken = true;
            } else if (event.getEvent() == ZMonitor.Event.DISCONNECTED) {
                handshaken = false;
                connectedAtNanos = System.nanoTime();
            }
        }
    }

    /**
     * Sends {@code header} followed by {@code frames} as one multipart message, waiting while the peer's queue
     * is full.
     *
     * @throws InterruptedException when interrupted or closed while waiting
     */
    public void send(byte[] header, List<byte[]> frames) throws InterruptedException {
        int last = frames.size();
        boolean sent;
        do {
            sent = socket.send(header, last == 0 ? 0 : ZMQ.SNDMORE);
            if (!sent) {
                if (Thread.interrupted() || closed) {
                    throw new InterruptedException("interrupted while sending to " + endpoint);
                }
                if (socket.errno() != zmq.ZError.EAGAIN) {
                    throw new IllegalStateException("cannot send to " + endpoint + ": errno " + socket.errno());
                }
            }
        } while (!sent);
        for (int i = 0; i < last; i++) {
            // the rest of a multipart message never blocks once its first part is queued
            socket.send(frames.get(i), i == last - 1 ? 0 : ZMQ.SNDMORE);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.destroySocket(monitor);
            context.destroySocket(socket);
        }
    }
}
