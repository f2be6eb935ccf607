package io.jdranspose.runtime.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending end of {@link TcpFraming}: one connection to one {@link TcpInbox} (a worker's, the reducer's),
 * used by one thread, which writes each message into the socket itself.
 *
 * <p>{@link #send} returns once the whole message is in the kernel's socket buffer, so the arrays given to it
 * may change right after. It waits while that buffer is full (the receiver does not keep up: that is the
 * backpressure that travels back to the detector), asking a give-up callback every few milliseconds, so a new
 * scan or a vanished peer never leaves the caller stuck. A connection that breaks is made again, every
 * {@value #RECONNECT_MILLIS} ms while the peer is not there, and the message being sent goes again in full on
 * the new one; what earlier sends left in the old connection's buffers may be lost with it
 * ({@link #connections()} tells the caller that this happened). A close by the peer is looked for before a
 * send that comes {@value #PROBE_MILLIS} ms or more after the last look; in a quick succession of sends it
 * shows when a write fails, so the message sent just before that may be lost with the peer.
 */
public final class TcpSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpSender.class);
    static final int RECONNECT_MILLIS = 100;
    private static final int WAIT_MILLIS = 5;
    private static final int PROBE_MILLIS = 2;
    /** Messages up to this size are copied into one buffer and written with one call. */
    private static final int SMALL_BYTES = 64 * 1024;
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNKS_PER_WRITE = 4;

    private final String endpoint;
    private final InetSocketAddress address;
    private final ByteBuffer small = ByteBuffer.allocateDirect(SMALL_BYTES);
    private final ByteBuffer probe = ByteBuffer.allocateDirect(64);
    private ByteBuffer[] gather = new ByteBuffer[8];
    private Selector selector;
    private SocketChannel channel;
    private boolean connected;
    private long nextAttemptNanos;
    private long probedNanos;
    private int connections;
    private String lastFailure = "";
    private boolean closed;

    /**
     * Starts connecting to {@code endpoint} ({@code tcp://host:port}); does not wait.
     *
     * @throws IllegalArgumentException when the endpoint is not of that form
     */
    public TcpSender(String endpoint) {
        this.endpoint = endpoint;
        this.address = TcpFraming.address(endpoint);
        this.nextAttemptNanos = System.nanoTime();
        isConnected();
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * How many connections were made so far: when it grows past 1, the one before broke, and messages sent on
     * it may not have arrived.
     */
    public int connections() {
        return connections;
    }

    /** Why the last connection attempt failed, or empty. */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * Whether a connection is made (does not wait; starts an attempt when one is due, and looks for a close by
     * the peer when a look is due).
     */
    public boolean isConnected() {
        if (connected && probeDue()) {
            try {
                if (peerClosed()) {
                    LOG.debug("{} closed the connection; connecting again", endpoint);
                    disconnect();
                }
            } catch (IOException e) {
                lastFailure = e.toString();
                disconnect();
            }
        }
        if (connected || closed) {
            return connected;
        }
        try {
            if (channel == null) {
                if (System.nanoTime() - nextAttemptNanos < 0) {
                    return false;
                }
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
                if (resolved.isUnresolved()) {
                    throw new IOException("cannot resolve " + address.getHostString());
                }
                if (channel.connect(resolved)) {
                    established();
                } else {
                    channel.register(selector(), SelectionKey.OP_CONNECT);
                }
            } else if (channel.finishConnect()) {
                established();
            }
        } catch (IOException | RuntimeException e) {
            lastFailure = e.toString();
            LOG.debug("cannot connect to {}: {}", endpoint, lastFailure);
            disconnect();
        }
        return connected;
    }

    private void established() throws IOException {
        key().interestOps(0);
        ByteBuffer greeting = ByteBuffer.wrap(TcpFraming.GREETING);
        // a fresh connection's buffer always has room for 8 bytes; loop anyway
        while (greeting.hasRemaining()) {
            if (channel.write(greeting) == 0) {
                waitWritable();
            }
        }
        connected = true;
        connections++;
        lastFailure = "";
    }

    /** The channel's key in the selector, which a connection made at once does not have yet. */
    private SelectionKey key() throws IOException {
        SelectionKey key = channel.keyFor(selector());
        return key != null ? key : channel.register(selector, 0);
    }

    private Selector selector() throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        return selector;
    }

    /**
     * Waits until connected.
     *
     * @return whether connected before {@code timeout}; false as soon as {@code giveUp} says so
     */
    public boolean awaitConnected(Duration timeout, BooleanSupplier giveUp) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected()) {
            if (closed || System.nanoTime() - deadline > 0 || giveUp.getAsBoolean()
                    || Thread.currentThread().isInterrupted()) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Waits up to a few milliseconds for a pending connection (or the next attempt). */
    private void pause() {
        try {
            if (channel != null && !connected) {
                selector().select(WAIT_MILLIS);
                selector.selectedKeys().clear();
            } else {
                Thread.sleep(Math.max(1, Math.min(WAIT_MILLIS, (nextAttemptNanos - System.nanoTime()) / 1_000_000)));
            }
        } catch (IOException e) {
            lastFailure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends {@code first} followed by {@code rest} as one message, waiting for a connection and while the
     * receiver's buffers are full.
     *
     * @return true once the whole message is written; false when {@code giveUp} said so first (asked every few
     *         milliseconds of waiting), and nothing of the message will arrive
     */
    public boolean send(byte[] first, List<byte[]> rest, BooleanSupplier giveUp) {
        while (!closed) {
            if (!isConnected()) {
                if (giveUp.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                pause();
                continue;
            }
            try {
                return write(first, rest, giveUp);
            } catch (IOException e) {
                lastFailure = e.toString();
                LOG.debug("connection to {} failed ({}); connecting again to send the message anew", endpoint,
                        lastFailure);
                disconnect();
            }
        }
        return false;
    }

    /**
     * Whether to look for a close by the peer before this send: at most every {@value #PROBE_MILLIS} ms, since
     * each look is a system call and a pack of small messages is sent many thousand times a second.
     */
    private boolean probeDue() {
        long now = System.nanoTime();
        if (now - probedNanos < PROBE_MILLIS * 1_000_000L) {
            return false;
        }
        probedNanos = now;
        return true;
    }

    /**
     * Whether the peer closed its side (a receiver never writes, so anything readable means that). Without this
     * look, the first message after a close would vanish into the dead connection: the kernel takes it, and only
     * the next write fails.
     */
    private boolean peerClosed() throws IOException {
        probe.clear();
        return channel.read(probe) != 0;
    }

    private boolean write(byte[] first, List<byte[]> rest, BooleanSupplier giveUp) throws IOException {
        int parts = rest.size() + 1;
        if (parts > TcpFraming.MAX_PARTS) {
            throw new IllegalArgumentException("a message of " + parts + " parts is more than the "
                    + TcpFraming.MAX_PARTS + " allowed");
        }
        long total = 4L * parts + first.length;
        for (int i = 0; i < rest.size(); i++) {
            total += rest.get(i).length;
        }
        int count;
        if (total <= SMALL_BYTES) {
            small.clear();
            putPart(first, parts > 1);
            for (int i = 0; i < rest.size(); i++) {
                putPart(rest.get(i), i < rest.size() - 1);
            }
            small.flip();
            gather[0] = small;
            count = 1;
        } else {
            count = 0;
            small.clear();
            for (int i = 0; i < parts; i++) {
                byte[] part = i == 0 ? first : rest.get(i - 1);
                check(part);
                small.putInt(part.length | (i < parts - 1 ? TcpFraming.MORE : 0));
                count = add(count, small.slice(4 * i, 4));
                // chunks, because the JDK copies every heap buffer it is given into native memory before each
                // write, also when the socket then takes nothing
                for (int off = 0; off < part.length; off += CHUNK_BYTES) {
                    count = add(count, ByteBuffer.wrap(part, off, Math.min(CHUNK_BYTES, part.length - off)));
                }
            }
        }
        try {
            int from = 0;
            while (from < count) {
                long n = channel.write(gather, from, Math.min(count - from, CHUNKS_PER_WRITE));
                while (from < count && !gather[from].hasRemaining()) {
                    from++;
                }
                if (from < count && n == 0) {
                    if (giveUp.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        if (from > 0 || gather[0].position() > 0) {
                            // the receiver would read the rest of this message from the next one: start afresh
                            LOG.debug("gave up sending to {} in the middle of a message; connecting again", endpoint);
                            disconnect();
                        }
                        return false;
                    }
                    waitWritable();
                }
            }
            return true;
        } finally {
            Arrays.fill(gather, 0, count, null);  // no array outlives its send
        }
    }

    private int add(int count, ByteBuffer buffer) {
        if (count == gather.length) {
            gather = Arrays.copyOf(gather, 2 * count);
        }
        gather[count] = buffer;
        return count + 1;
    }

    private void putPart(byte[] part, boolean more) {
        check(part);
        small.putInt(part.length | (more ? TcpFraming.MORE : 0));
        small.put(part);
    }

    private static void check(byte[] part) {
        if (part.length > TcpFraming.MAX_PART_BYTES) {
            throw new IllegalArgumentException("a part of " + part.length + " bytes is more than the "
                    + TcpFraming.MAX_PART_BYTES + " a message may carry");
        }
    }

    private void waitWritable() throws IOException {
        SelectionKey key = key();
        key.interestOps(SelectionKey.OP_WRITE);
        selector.select(WAIT_MILLIS);
        selector.selectedKeys().clear();
        key.interestOps(0);
    }

    private void disconnect() {
        connected = false;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the connection to {}: {}", endpoint, e.toString());
            }
            channel = null;
        }
        nextAttemptNanos = System.nanoTime() + RECONNECT_MILLIS * 1_000_000L;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        disconnect();
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the selector for {}: {}", endpoint, e.toString());
            }
        }
    }
}
