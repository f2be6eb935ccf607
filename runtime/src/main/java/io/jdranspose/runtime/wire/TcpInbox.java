package io.jdranspose.runtime.wire;

import io.jdranspose.runtime.logging.LogLimiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of {@link TcpFraming}: a listening socket and every connection made to it, read by one
 * thread (the component's inbox thread) through one selector, so that a message wakes that thread and no
 * other. Messages of one connection come out in the order they were sent; connections are read in turn.
 *
 * <p>Bytes are read only while no message waits to be taken: a receiver that does not keep up leaves them
 * in the kernel, whose full buffers stop the senders (TCP's flow control is the backpressure). A connection
 * that does not speak this framing (another program, a ZeroMQ peer, garbage, an impossible length) is closed
 * with a log line naming the peer and what was wrong; a message cut off by a closed connection is dropped.
 * Nothing else is affected.
 */
public final class TcpInbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpInbox.class);
    private static final int BUFFER_BYTES = 256 * 1024;
    /** Messages decoded from one connection before the next is read. */
    private static final int MESSAGES_PER_TURN = 256;

    private final String owner;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final int port;
    private final ArrayDeque<List<byte[]>> ready = new ArrayDeque<>();
    private final LogLimiter rejectedLog = new LogLimiter();
    private volatile long rejected;
    private volatile boolean woken;
    private boolean closed;

    private TcpInbox(String owner, Selector selector, ServerSocketChannel server) throws IOException {
        this.owner = owner;
        this.selector = selector;
        this.server = server;
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /**
     * Listens on a free port of {@code host}.
     *
     * @param owner who reads, for log lines, e.g. {@code "worker w1"}
     * @throws IOException naming the host when it cannot be bound
     */
    public static TcpInbox bind(String owner, String host) throws IOException {
        return bind(owner, host, 0);
    }

    /** Listens on {@code port} of {@code host} (0: a free one). */
    public static TcpInbox bind(String owner, String host, int port) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(host, port));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new TcpInbox(owner, selector, server);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw new IOException("cannot listen on " + host + ": " + e.getMessage(), e);
        }
    }

    /** The port listened on. */
    public int port() {
        return port;
    }

    /** Connections closed because they did not speak {@link TcpFraming}. */
    public long rejected() {
        return rejected;
    }

    /**
     * The next message, its parts in order.
     *
     * @param timeoutMillis how long to wait for one: 0 not at all, negative without end
     * @return null when none came in time, or {@link #wakeup} was called
     */
    public List<byte[]> receive(long timeoutMillis) throws IOException {
        List<byte[]> message = ready.poll();
        if (message != null) {
            return message;
        }
        if (closed) {
            return null;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = timeoutMillis < 0 ? 0 : (deadline - System.nanoTime() + 999_999) / 1_000_000;
            int n = timeoutMillis == 0 ? selector.selectNow()
                    : timeoutMillis < 0 ? selector.select() : selector.select(Math.max(1, left));
            if (n > 0) {
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
            }
            message = ready.poll();
            // a new connection or a part of a message is no message: wait on for the rest of the time
            if (message != null || timeoutMillis == 0 || woken || closed
                    || (timeoutMillis > 0 && System.nanoTime() - deadline >= 0)) {
                woken = false;
                return message;
            }
        }
    }

    /** Makes a waiting {@link #receive} return at once (any thread). */
    public void wakeup() {
        woken = true;
        selector.wakeup();
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
            } catch (IOException e) {
                LOG.debug("{}: cannot take a connection: {}", owner, e.toString());
                channel.close();
            }
        }
    }

    private void read(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        try {
            if (!c.read(ready)) {
                if (c.inMessage()) {
                    LOG.debug("{}: connection from {} closed in the middle of a message; dropped it", owner, c.peer);
                }
                drop(key, c);
            }
        } catch (WireFormatException e) {
            rejected++;
            if (rejectedLog.allow()) {
                LOG.warn("{}: closed the connection from {}: {}{}", owner, c.peer, e.getMessage(), rejectedLog.suffix());
            }
            drop(key, c);
        } catch (IOException e) {
            LOG.debug("{}: connection from {} failed: {}", owner, c.peer, e.toString());
            drop(key, c);
        }
    }

    private void drop(SelectionKey key, Connection c) {
        key.cancel();
        try {
            c.channel.close();
        } catch (IOException e) {
            LOG.debug("{}: closing the connection from {}: {}", owner, c.peer, e.toString());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                LOG.debug("{}: closing: {}", owner, e.toString());
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("{}: closing the selector: {}", owner, e.toString());
        }
    }

    /** One connection's decoding state. */
    private static final class Connection {
        final SocketChannel channel;
        final String peer;
        /** Bytes read and not decoded yet, in write mode between reads. */
        final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        boolean greeted;
        List<byte[]> parts = new ArrayList<>(2);
        /** A part longer than the buffer, read straight into its array. */
        ByteBuffer large;
        boolean largeMore;

        Connection(SocketChannel channel) {
            this.channel = channel;
            String p;
            try {
                SocketAddress a = channel.getRemoteAddress();
                p = String.valueOf(a);
            } catch (IOException e) {
                p = "an unknown peer";
            }
            this.peer = p;
        }

        boolean inMessage() {
            return !parts.isEmpty() || large != null || buffer.position() > 0;
        }

        /**
         * Reads what the connection has (up to a turn's worth of messages) and decodes it.
         *
         * @return false at the end of the stream
         */
        boolean read(ArrayDeque<List<byte[]>> out) throws IOException, WireFormatException {
            int before = out.size();
            while (out.size() - before < MESSAGES_PER_TURN) {
                int n;
                boolean drained;
                if (large != null) {
                    int room = large.remaining();
                    n = channel.read(large);
                    drained = n < room;
                    if (n > 0 && !large.hasRemaining()) {
                        endLargePart(out);
                    }
                } else {
                    int room = buffer.remaining();
                    n = channel.read(buffer);
                    drained = n < room;
                    if (n > 0) {
                        buffer.flip();
                        decode(out);
                        buffer.compact();
                    }
                }
                if (n < 0) {
                    return false;
                }
                if (drained) {
                    // the socket had less than there was room for: it is empty now (a read to make sure would
                    // cost a system call per wake-up; the selector reports what comes next)
                    return true;
                }
            }
            return true;
        }

        /** Decodes the buffer (in read mode) as far as it goes. */
        private void decode(ArrayDeque<List<byte[]>> out) throws WireFormatException {
            while (true) {
                if (!greeted) {
                    if (buffer.remaining() < TcpFraming.GREETING.length) {
                        return;
                    }
                    byte[] g = new byte[TcpFraming.GREETING.length];
                    buffer.get(g);
                    if (!Arrays.equals(g, TcpFraming.GREETING)) {
                        throw new WireFormatException("it does not speak jdranspose's internal framing (it began with "
                                + printable(g) + ", expected \"JDRT\" version 1)");
                    }
                    greeted = true;
                    continue;
                }
                if (large != null) {
                    int k = Math.min(buffer.remaining(), large.remaining());
                    large.put(large.position(), buffer, buffer.position(), k);
                    large.position(large.position() + k);
                    buffer.position(buffer.position() + k);
                    if (large.hasRemaining()) {
                        return;
                    }
                    endLargePart(out);
                    continue;
                }
                if (buffer.remaining() < 4) {
                    return;
                }
                int word = buffer.getInt(buffer.position());
                boolean more = (word & TcpFraming.MORE) != 0;
                int length = word & ~TcpFraming.MORE;
                if (length > TcpFraming.MAX_PART_BYTES) {
                    throw new WireFormatException("a part of " + length + " bytes, more than the "
                            + TcpFraming.MAX_PART_BYTES + " allowed");
                }
                if (buffer.remaining() - 4 >= length) {
                    buffer.position(buffer.position() + 4);
                    byte[] part = new byte[length];
                    buffer.get(part);
                    endPart(part, more, out);
                } else if (4 + length <= buffer.capacity() / 2) {
                    return;  // the rest comes with the next read
                } else {
                    buffer.position(buffer.position() + 4);
                    large = ByteBuffer.wrap(new byte[length]);
                    largeMore = more;
                }
            }
        }

        private void endLargePart(ArrayDeque<List<byte[]>> out) throws WireFormatException {
            byte[] part = large.array();
            large = null;
            endPart(part, largeMore, out);
        }

        private void endPart(byte[] part, boolean more, ArrayDeque<List<byte[]>> out) throws WireFormatException {
            parts.add(part);
            if (!more) {
                out.add(parts);
                parts = new ArrayList<>(2);
            } else if (parts.size() >= TcpFraming.MAX_PARTS) {
                throw new WireFormatException("a message of more than " + TcpFraming.MAX_PARTS + " parts");
            }
        }

        private static String printable(byte[] bytes) {
            StringBuilder s = new StringBuilder("\"");
            for (byte b : bytes) {
                if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                    s.append((char) b);
                } else {
                    s.append(String.format("\\x%02x", b & 0xff));
                }
            }
            return s.append('"').toString();
        }
    }
}
