package io.jdranspose.simulator;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMonitor;
import zmq.ZError;

/**
 * The sending end of a simulated detector: binds a PUSH or PUB socket and sends multipart messages,
 * optionally paced at a fixed rate. Ingesters connect to it as they would to a real detector.
 *
 * <pre>{@code
 * try (ZmqSender sender = ZmqSender.bind("tcp://127.0.0.1:9999").rateHz(100).open()) {
 *     sender.sendAll(StinsMessages.series(frames, 1000, ""));
 * }
 * }</pre>
 *
 * <p>Pacing uses absolute deadlines ({@code start + k / rate}), so late wake-ups never accumulate into
 * drift; a sender that fell behind (a slow receiver) catches up without waiting.
 *
 * <p>Before its first message the sender waits for its peers ({@link Builder#peers}): on PUB for
 * subscriptions, because PUB drops everything sent before a subscriber is there (it binds an XPUB
 * socket, which reports them); on PUSH for connections that completed the ZeroMQ handshake. PUSH would
 * queue messages for a peer that has merely connected, and jeromq 0.6.0 sometimes leaves a freshly
 * connected peer stuck before its handshake (its poller loses the registration of the new connection);
 * messages queued for such a peer are lost when it gives up and reconnects. Waiting for the handshake
 * keeps the first messages (the series start) for a peer that really reads them.
 *
 * <p>Send from one thread; {@link #messagesSent()} and {@link #bytesSent()} may be read from any.
 */
public final class ZmqSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZmqSender.class);
    /** How often a blocked send or a wait for peers wakes up to notice an interrupt. */
    private static final int SEND_POLL_MILLIS = 100;
    private static final long PEER_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final AtomicInteger MONITOR_IDS = new AtomicInteger();

    /** The socket type to bind. */
    public enum Kind {
        PUSH, PUB;

        /** Parses {@code push} or {@code pub}, in any case. */
        public static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("socket kind must be push or pub, got '" + text + "'");
            }
        }
    }

    private final ZContext context;
    private final ZMQ.Socket socket;
    private final ZMQ.Socket monitor;
    private final Kind kind;
    private final String endpoint;
    private final long periodNanos;
    private final int awaitedPeers;
    private final Duration peerTimeout;

    private boolean peersAwaited;
    private volatile int peers;
    private long pacedCount;
    private long pacingStart;
    private volatile long messagesSent;
    private volatile long bytesSent;
    private boolean closed;

    private ZmqSender(Builder b) {
        this.kind = b.kind;
        this.periodNanos = b.rateHz > 0 ? Math.round(1e9 / b.rateHz) : 0;
        this.awaitedPeers = b.peers;
        this.peerTimeout = b.peerTimeout != null ? b.peerTimeout : kind == Kind.PUB ? Duration.ofSeconds(5) : null;
        this.context = new ZContext(1);
        // ZContext applies its own linger (0 by default) to every socket it closes
        context.setLinger((int) Math.min(Integer.MAX_VALUE, b.linger.toMillis()));
        try {
            this.socket = context.createSocket(kind == Kind.PUB ? SocketType.XPUB : SocketType.PUSH);
            socket.setSndHWM(b.sendHighWaterMark);
            socket.setSendTimeOut(SEND_POLL_MILLIS);
            if (kind == Kind.PUB) {
                // without verbose, an XPUB passes on only the first subscription to a topic
                socket.setXpubVerbose(true);
                this.monitor = null;
            } else {
                String address = "inproc://zmq-sender-monitor-" + MONITOR_IDS.incrementAndGet();
                socket.monitor(address, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
                this.monitor = context.createSocket(SocketType.PAIR);
                monitor.connect(address);
            }
            if (!socket.bind(b.endpoint)) {
                throw new IllegalArgumentException("cannot bind " + b.endpoint + ": " + ZError.toString(socket.errno()));
            }
            this.endpoint = socket.getLastEndpoint();
        } catch (ZMQException e) {
            context.close();
            throw new IllegalArgumentException("cannot bind " + b.endpoint + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        LOG.info("{} socket bound to {}", kind, endpoint);
    }

    /** Starts configuring a sender that binds {@code endpoint} (e.g. {@code tcp://127.0.0.1:9999}; port {@code *} picks a free one). */
    public static Builder bind(String endpoint) {
        return new Builder(endpoint);
    }

    /** The endpoint actually bound, with the port resolved when {@code *} or 0 was asked for. */
    public String endpoint() {
        return endpoint;
    }

    public Kind kind() {
        return kind;
    }

    /** Messages sent by {@link #send}/{@link #sendAll} (the preamble is not counted). */
    public long messagesSent() {
        return messagesSent;
    }

    /** Bytes of all parts of the counted messages. */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * Sends one multipart message. Before the first message it waits for the peers; every message waits
     * for its pacing deadline, and blocks while the high-water mark is reached.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public void send(List<byte[]> message) throws InterruptedException {
        ensureOpen();
        awaitPeersOnce();
        pace();
        long bytes = write(message);
        messagesSent++;
        bytesSent += bytes;
    }

    /**
     * Sends a two-part message whose second part lives outside the Java heap, as a detector's own library sends
     * a frame from its memory. jeromq writes a large direct buffer straight to the socket, where it would first
     * copy a byte[] into a temporary direct buffer (about 0.3 ms per 2 MiB here). The bytes between the
     * payload's position and limit are sent; they must not change until this sender is closed, because jeromq's
     * I/O thread sends them later. Paced and counted as {@link #send(List)}.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public void send(byte[] header, ByteBuffer payload) throws InterruptedException {
        ensureOpen();
        awaitPeersOnce();
        pace();
        sendPart(header, ZMQ.SNDMORE);
        sendPart(payload, 0);
        messagesSent++;
        bytesSent += header.length + payload.remaining();
    }

    /** Sends every message of {@code messages} with {@link #send}; returns how many were sent. */
    public long sendAll(Iterator<List<byte[]>> messages) throws InterruptedException {
        long n = 0;
        while (messages.hasNext()) {
            send(messages.next());
            n++;
        }
        return n;
    }

    /**
     * Sends messages immediately, outside the pacing and the counters: junk a harness sends ahead of the
     * real data (such as the "emptyness" messages of upstream's capture playback).
     */
    public void sendPreamble(List<List<byte[]>> messages) throws InterruptedException {
        ensureOpen();
        awaitPeersOnce();
        for (List<byte[]> message : messages) {
            write(message);
        }
    }

    /**
     * Waits until {@code count} peers are there, or {@code timeout} ({@code null}: no limit) passes.
     * Peers are current subscriptions on PUB, and connections that have completed the handshake since
     * the socket was bound on PUSH.
     *
     * @return whether enough peers are there
     */
    public boolean awaitPeers(int count, Duration timeout) throws InterruptedException {
        ensureOpen();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            pollPeerEvents();
            if (peers >= count) {
                return true;
            }
            long left = deadline == Long.MAX_VALUE ? PEER_POLL_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for peers on " + endpoint);
            }
            LockSupport.parkNanos(Math.min(left, PEER_POLL_NANOS));
        }
    }

    /** Peers seen so far (see {@link #awaitPeers}); updated while the sender waits for them. */
    public int peers() {
        return peers;
    }

    /** Closes the socket, waiting up to the linger time for queued messages to leave. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.close();
            LOG.info("{} socket {} closed after {} messages, {} bytes", kind, endpoint, messagesSent, bytesSent);
        }
    }

    private void awaitPeersOnce() throws InterruptedException {
        if (peersAwaited || awaitedPeers == 0) {
            return;
        }
        if (peerTimeout == null) {
            LOG.info("{} on {} waits for {} peer(s) before sending", kind, endpoint, awaitedPeers);
        }
        if (!awaitPeers(awaitedPeers, peerTimeout)) {
            LOG.warn("only {} of {} {} on {} after {} ms; sending anyway", peers, awaitedPeers,
                    kind == Kind.PUB ? "subscriptions" : "peers", endpoint, peerTimeout.toMillis());
        }
        peersAwaited = true;
    }

    private void pollPeerEvents() throws InterruptedException {
        try {
            if (kind == Kind.PUB) {
                for (byte[] event = socket.recv(ZMQ.DONTWAIT); event != null; event = socket.recv(ZMQ.DONTWAIT)) {
                    if (event.length > 0 && event[0] == 1) {
                        peers++;
                    } else if (event.length > 0 && event[0] == 0) {
                        peers--;
                    }
                }
            } else {
                for (ZEvent event = ZEvent.recv(monitor, ZMQ.DONTWAIT); event != null; event = ZEvent.recv(monitor, ZMQ.DONTWAIT)) {
                    if (event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
                        peers++;
                    }
                }
            }
        } catch (ZMQException e) {
            throw interruptedOr(e, "waiting for peers");
        }
        // a non-blocking receive that met an interrupt returns null with EINTR instead of throwing
        if ((kind == Kind.PUB ? socket : monitor).errno() == ZError.EINTR) {
            throw new InterruptedException("interrupted while waiting for peers on " + endpoint);
        }
    }

    private void pace() throws InterruptedException {
        if (periodNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (pacedCount == 0) {
            pacingStart = now;
        }
        long deadline = pacingStart + pacedCount * periodNanos;
        pacedCount++;
        while (now < deadline) {
            LockSupport.parkNanos(deadline - now);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing on " + endpoint);
            }
            now = System.nanoTime();
        }
    }

    private long write(List<byte[]> message) throws InterruptedException {
        if (message.isEmpty()) {
            throw new IllegalArgumentException("a ZeroMQ message needs at least one part");
        }
        long bytes = 0;
        int last = message.size() - 1;
        for (int i = 0; i <= last; i++) {
            byte[] part = message.get(i);
            sendPart(part, i < last ? ZMQ.SNDMORE : 0);
            bytes += part.length;
        }
        return bytes;
    }

    private void sendPart(byte[] part, int flags) throws InterruptedException {
        sendUntilQueued(() -> socket.send(part, flags));
    }

    private void sendPart(ByteBuffer part, int flags) throws InterruptedException {
        // jeromq 0.6.0's encoder sends from index 0 up to the limit, ignoring the position (and so breaks the
        // stream when the position is not 0); a slice starts at the caller's position and leaves it untouched
        ByteBuffer fromPosition = part.slice();
        sendUntilQueued(() -> socket.sendByteBuffer(fromPosition, flags) >= 0);
    }

    /** @param attempt one send, which gives up after the socket's send timeout */
    private void sendUntilQueued(BooleanSupplier attempt) throws InterruptedException {
        // the send timeout only bounds each attempt, so that an interrupt is noticed while blocked
        while (!tryOnce(attempt)) {
            int errno = socket.errno();
            if (errno != ZError.EAGAIN) {
                throw new IllegalStateException("send on " + endpoint + " failed: " + ZError.toString(errno));
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while sending on " + endpoint);
            }
        }
    }

    private boolean tryOnce(BooleanSupplier attempt) throws InterruptedException {
        try {
            return attempt.getAsBoolean();
        } catch (ZMQException e) {
            throw interruptedOr(e, "sending");
        }
    }

    /**
     * jeromq turns a thread interrupt into the error EINTR and clears the thread's flag; this turns it
     * back into the InterruptedException callers expect.
     */
    private InterruptedException interruptedOr(ZMQException e, String doing) {
        if (e.getErrorCode() == ZError.EINTR) {
            return new InterruptedException("interrupted while " + doing + " on " + endpoint);
        }
        throw e;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("sender on " + endpoint + " is closed");
        }
    }

    /** Options of a {@link ZmqSender}. */
    public static final class Builder {
        private final String endpoint;
        private Kind kind = Kind.PUSH;
        private int sendHighWaterMark = 1000;
        private double rateHz;
        private Duration linger = Duration.ofSeconds(5);
        private int peers = 1;
        private Duration peerTimeout;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        /** PUSH (default) or PUB. */
        public Builder kind(Kind value) {
            this.kind = value;
            return this;
        }

        /** Messages queued before a send blocks (PUSH) or drops (PUB); default 1000, 0 = unlimited. */
        public Builder sendHighWaterMark(int messages) {
            if (messages < 0) {
                throw new IllegalArgumentException("high-water mark must not be negative");
            }
            this.sendHighWaterMark = messages;
            return this;
        }

        /** Messages per second; 0 (default) sends as fast as the socket takes them. */
        public Builder rateHz(double hz) {
            if (!(hz >= 0) || Double.isInfinite(hz)) {
                throw new IllegalArgumentException("rate must be a finite number ≥ 0, got " + hz);
            }
            this.rateHz = hz;
            return this;
        }

        /** How long {@link #close()} waits for queued messages to leave (default 5 s). */
        public Builder linger(Duration value) {
            this.linger = value;
            return this;
        }

        /**
         * Peers to wait for before the first message (default 1; 0 = do not wait): subscriptions on PUB,
         * handshaken connections on PUSH.
         */
        public Builder peers(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("number of peers must not be negative");
            }
            this.peers = count;
            return this;
        }

        /**
         * How long to wait for the peers before sending anyway; {@code null} waits as long as it takes.
         * Default: 5 s on PUB (a detector that publishes regardless), no limit on PUSH (which cannot send
         * without a peer anyway).
         */
        public Builder peerTimeout(Duration value) {
            this.peerTimeout = value;
            return this;
        }

        /**
         * Creates the socket and binds it.
         *
         * @throws IllegalArgumentException when the endpoint cannot be bound (bad syntax, port in use)
         */
        public ZmqSender open() {
            return new ZmqSender(this);
        }
    }
}
