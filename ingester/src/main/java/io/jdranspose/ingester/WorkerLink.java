package io.jdranspose.ingester;

import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.SharedMemoryMessage;
import io.jdranspose.runtime.wire.SharedMemoryRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;
import zmq.ZError;

/**
 * The ingester's PUSH socket to one worker's inbox, used only by the forwarding thread.
 *
 * <p>It behaves like runtime's {@code ConnectedPush} (same options; connected only once the ZeroMQ handshake
 * completed; a connection stuck before its handshake, which jeromq 0.6.0 sometimes leaves, is torn down and
 * made again after the handshake timeout; sends block while the worker's queue is full), with one addition
 * that an ingester needs: every wait (a full queue, a pending handshake) asks a {@link WhileBlocked} callback
 * every few milliseconds whether to give up. {@code ConnectedPush.send} can only be left by interrupting the
 * thread, which jeromq turns into closed NIO pipes inside its context, or by closing the socket from another
 * thread, which ZeroMQ forbids. Without a way out, a worker that dies while its queue is full (the normal
 * state under backpressure) would freeze the ingester, and a new scan could not abandon the old one. The
 * callback is also where a SUB ingester keeps reading its detector while it waits.
 *
 * <p>To a worker on the same host (see {@code SharedMemoryDirectory}), messages too large to pack travel
 * through a {@link SharedMemoryRing}: their frames are copied into it and a {@link SharedMemoryMessage} goes
 * through the socket in their place, in order with everything else.
 */
final class WorkerLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLink.class);
    /** How long one blocked send attempt waits before the callback is asked again. */
    private static final int RETRY_MILLIS = 5;
    private static final long HANDSHAKE_POLL_NANOS = 2_000_000L;

    /** Asked while a send or a handshake waits. */
    interface WhileBlocked {
        /** @return true to stop waiting: the send (or handshake wait) then reports failure */
        boolean giveUp(WorkerLink link);
    }

    private final ZContext context;
    private final String worker;
    private final String endpoint;
    private final int highWaterMark;
    private final Duration handshakeTimeout;
    private final long createdAtNanos = System.nanoTime();
    private ZMQ.Socket socket;
    private volatile Connection connection;
    private boolean everHandshaken;
    private boolean closed;
    /** Small messages not sent yet (see {@link PackedMessages}), and the events they carry. */
    private final PackedMessages pack = new PackedMessages();
    private long firstPackedEvent = -1;
    private long lastPackedEvent = -1;
    /** Makes rings for large messages when the worker shares this host's shared memory; null: socket only. */
    private Supplier<SharedMemoryRing> rings;
    private SharedMemoryRing ring;
    private Connection ringConnection;
    private int ringDisconnects;
    /**
     * Rings replaced after a disconnect: messages lost with the connection left their bytes unread for good,
     * but the worker may still have to map one for messages it did receive, so the files stay until close.
     */
    private final List<SharedMemoryRing> retired = new ArrayList<>(1);
    /** Whether the last {@link #queue} gave its frames to the socket, which sends them later. */
    private boolean handedOver;

    /**
     * @param highWaterMark messages queued for the worker before sends block
     */
    WorkerLink(ZContext context, String worker, String endpoint, int highWaterMark, Duration handshakeTimeout) {
        this.context = context;
        this.worker = worker;
        this.endpoint = endpoint;
        this.highWaterMark = highWaterMark;
        this.handshakeTimeout = handshakeTimeout;
        open();
    }

    String worker() {
        return worker;
    }

    String endpoint() {
        return endpoint;
    }

    /** {@link System#nanoTime()} when this link was made. */
    long createdAtNanos() {
        return createdAtNanos;
    }

    /** Whether a handshake with the worker ever completed (sends no longer wait for one). */
    boolean everConnected() {
        if (!everHandshaken && connection.handshaken) {
            everHandshaken = true;
        }
        return everHandshaken;
    }

    private void open() {
        socket = context.createSocket(SocketType.PUSH);
        socket.setLinger(0);
        socket.setSndHWM(highWaterMark);
        socket.setSendTimeOut(RETRY_MILLIS);
        socket.setHandshakeIvl((int) handshakeTimeout.toMillis());
        // queue only for a completed connection, so nothing waits in a pipe to a peer that is not there
        socket.setImmediate(true);
        // connection events through a hook on the I/O thread, not an inproc monitor socket: jeromq sends
        // monitor events with a blocking send, so a monitor closed before its socket (a worker leaving) could
        // stall the I/O thread of the whole context, the detector socket included
        Connection c = new Connection();
        connection = c;
        socket.setEventHook(c, ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED);
        socket.connect(endpoint);
    }

    /** Handshake state of one connection attempt, written by jeromq's I/O thread. */
    private static final class Connection implements ZEvent.ZEventConsummer {
        volatile long sinceNanos = System.nanoTime();
        /** When the socket last stopped being connected (or was made). */
        volatile long lostNanos = sinceNanos;
        volatile boolean handshaken;
        volatile int disconnects;

        @Override
        public void consume(ZEvent event) {
            if (event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
                handshaken = true;
            } else if (event.getEvent() == ZMonitor.Event.DISCONNECTED) {
                long now = System.nanoTime();
                if (handshaken) {
                    lostNanos = now;
                }
                handshaken = false;
                sinceNanos = now;
                disconnects++;  // only jeromq's I/O thread writes it
            }
        }

        /** As runtime's ConnectedPush: this attempt timed out, or jeromq's reconnects have failed for twice that. */
        boolean stuck(long now, long timeoutNanos) {
            return !handshaken && (now - sinceNanos > timeoutNanos || now - lostNanos > 2 * timeoutNanos);
        }
    }

    private void reopen() {
        LOG.debug("no ZeroMQ handshake with worker {} at {} within {} ms; connecting again", worker, endpoint,
                handshakeTimeout.toMillis());
        context.destroySocket(socket);
        open();
    }

    /**
     * From now on, messages too large to pack go through shared memory: {@code rings} makes a ring (null
     * when it cannot; those messages then go through the socket).
     */
    void useSharedMemory(Supplier<SharedMemoryRing> rings) {
        this.rings = rings;
    }

    /** Whether large messages go through shared memory. */
    boolean usesSharedMemory() {
        return rings != null;
    }

    /** The ring for the current connection, made when first needed; null when none can be made. */
    private SharedMemoryRing ring() {
        Connection c = connection;
        if (ring != null && (ringConnection != c || ringDisconnects != c.disconnects)) {
            retired.add(ring);  // what was queued for the old connection is lost, and its bytes with it
            ring = null;
        }
        if (ring == null) {
            ring = rings.get();
            if (ring == null) {
                rings = null;
                return null;
            }
            ringConnection = c;
            ringDisconnects = c.disconnects;
        }
        return ring;
    }

    /** Whether the handshake with the worker has completed (does not wait; remakes a stuck connection). */
    boolean isConnected() {
        Connection c = connection;
        if (c.handshaken) {
            everHandshaken = true;
            return true;
        }
        if (c.stuck(System.nanoTime(), handshakeTimeout.toNanos())) {
            reopen();
        }
        return false;
    }

    /**
     * Waits until the handshake completed, reconnecting each time it does not within the handshake timeout.
     *
     * @return whether the worker is connected before {@code timeout} and before {@code whileBlocked} gave up
     */
    boolean awaitConnected(Duration timeout, WhileBlocked whileBlocked) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected()) {
            if (System.nanoTime() - deadline > 0 || whileBlocked.giveUp(this)) {
                return false;
            }
            LockSupport.parkNanos(HANDSHAKE_POLL_NANOS);
        }
        return true;
    }

    /**
     * Sends one event's part to the worker: a small one goes into the pack, which is sent when full or at the
     * next {@link #flush}; a large one is sent at once (after the pack, so the order stays), its frames handed
     * to ZeroMQ as they are (no copy).
     *
     * @return false when {@code whileBlocked} gave up while a send waited: then the pack (see
     *         {@link #unsentEvents()}) and possibly this part were not sent
     */
    boolean queue(long event, byte[] header, List<byte[]> frames, WhileBlocked whileBlocked) {
        handedOver = false;
        if (PackedMessages.fits(header, frames)) {
            pack.add(header, frames);
            if (firstPackedEvent < 0) {
                firstPackedEvent = event;
            }
            lastPackedEvent = event;
            return !pack.isFull() || flush(whileBlocked);
        }
        if (!flush(whileBlocked)) {
            lastPackedEvent = event;
            return false;
        }
        firstPackedEvent = event;
        lastPackedEvent = event;
        SharedMemoryRing r = rings == null ? null : ring();
        if (r != null && r.fits(byteCount(frames))) {
            SharedMemoryMessage m = r.write(header, frames, () -> whileBlocked.giveUp(this));
            if (m == null) {
                return false;
            }
            if (!send(m.encode(), List.of(), whileBlocked)) {
                r.retractLast();
                return false;
            }
        } else {
            handedOver = true;
            if (!send(header, frames, whileBlocked)) {
                return false;
            }
        }
        firstPackedEvent = -1;
        return true;
    }

    /**
     * Whether the last {@link #queue} gave the frames' arrays to the socket, whose I/O thread sends them later:
     * until then they must not change. Otherwise they were copied (into the pack or the ring) or not sent.
     */
    boolean handedOverLast() {
        return handedOver;
    }

    private static long byteCount(List<byte[]> frames) {
        long n = 0;
        for (int i = 0, size = frames.size(); i < size; i++) {
            n += frames.get(i).length;
        }
        return n;
    }

    /** Whether parts wait in the pack. */
    boolean hasPacked() {
        return !pack.isEmpty();
    }

    /**
     * Sends the pack, if any.
     *
     * @return false when {@code whileBlocked} gave up first; the pack is then dropped
     */
    boolean flush(WhileBlocked whileBlocked) {
        if (pack.isEmpty()) {
            return true;
        }
        byte[] frame = pack.take();
        if (!send(frame, List.of(), whileBlocked)) {
            return false;
        }
        firstPackedEvent = -1;
        return true;
    }

    /** After a failed {@link #queue} or {@link #flush}: the events not sent, e.g. "events 17 to 80". */
    String unsentEvents() {
        String what = firstPackedEvent == lastPackedEvent ? "event " + lastPackedEvent
                : "events " + firstPackedEvent + " to " + lastPackedEvent;
        firstPackedEvent = -1;
        return what;
    }

    /** Forgets packed parts (a scan was abandoned). */
    void dropPacked() {
        pack.clear();
        firstPackedEvent = -1;
    }

    /**
     * Sends {@code header} followed by {@code frames} as one multipart message, waiting while the worker's
     * queue is full. The frames are handed to ZeroMQ as they are (no copy).
     *
     * @return false when {@code whileBlocked} gave up before the message was queued (nothing was sent)
     */
    private boolean send(byte[] header, List<byte[]> frames, WhileBlocked whileBlocked) {
        int last = frames.size();
        message:
        while (true) {
            if (!socket.send(header, last == 0 ? 0 : ZMQ.SNDMORE)) {
                int errno = socket.errno();
                if (errno != ZError.EAGAIN) {
                    throw new IllegalStateException("cannot send to worker " + worker + " at " + endpoint + ": "
                            + ZError.toString(errno));
                }
                if (whileBlocked.giveUp(this)) {
                    return false;
                }
                continue;
            }
            for (int i = 0; i < last; i++) {
                // later parts are not held back by the high-water mark; one fails only when the connection went
                // away in the middle of the message, and ZeroMQ then rolled the queued parts back: start again
                if (!socket.send(frames.get(i), i == last - 1 ? 0 : ZMQ.SNDMORE)) {
                    continue message;
                }
            }
            return true;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.destroySocket(socket);
            if (ring != null) {
                ring.delete();
            }
            retired.forEach(SharedMemoryRing::delete);
        }
    }
}
