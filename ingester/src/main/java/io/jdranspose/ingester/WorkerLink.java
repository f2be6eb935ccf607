package io.jdranspose.ingester;

import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.SharedMemoryMessage;
import io.jdranspose.runtime.wire.SharedMemoryRing;
import io.jdranspose.runtime.wire.TcpSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ingester's connection to one worker's inbox, used only by the forwarding thread: a {@link TcpSender},
 * which the forwarding thread writes itself (no I/O thread in between), so a send returns once the message
 * is in the kernel and its frames may be reused at once. Every wait (the worker does not keep up, no
 * connection yet) asks a {@link WhileBlocked} callback every few milliseconds whether to give up: without a
 * way out, a worker that dies while its buffers are full (the normal state under backpressure) would freeze
 * the ingester, and a new scan could not abandon the old one. The callback is also where a SUB ingester keeps
 * reading its detector while it waits.
 *
 * <p>To a worker on the same host (see {@code SharedMemoryDirectory}), messages too large to pack travel
 * through a {@link SharedMemoryRing}: their frames are copied into it and a {@link SharedMemoryMessage} goes
 * through the socket in their place, in order with everything else.
 */
final class WorkerLink implements AutoCloseable {
    /** Asked while a send or a connection waits. */
    interface WhileBlocked {
        /** @return true to stop waiting: the send (or connection wait) then reports failure */
        boolean giveUp(WorkerLink link);
    }

    private final String worker;
    private final TcpSender sender;
    private final long createdAtNanos = System.nanoTime();
    private boolean everConnected;
    private boolean closed;
    /** Small messages not sent yet (see {@link PackedMessages}), and the events they carry. */
    private final PackedMessages pack = new PackedMessages();
    private long firstPackedEvent = -1;
    private long lastPackedEvent = -1;
    /** Makes rings for large messages when the worker shares this host's shared memory; null: socket only. */
    private Supplier<SharedMemoryRing> rings;
    private SharedMemoryRing ring;
    /** The sender's connection count when the ring was made. */
    private int ringConnection;
    /**
     * Rings replaced after a reconnect: messages lost with the connection left their bytes unread for good,
     * but the worker may still have to map one for messages it did receive, so the files stay until close.
     */
    private final List<SharedMemoryRing> retired = new ArrayList<>(1);

    /**
     * Starts connecting to the worker's inbox at {@code endpoint}.
     *
     * @throws IllegalArgumentException when the endpoint is not {@code tcp://host:port}
     */
    WorkerLink(String worker, String endpoint) {
        this.worker = worker;
        this.sender = new TcpSender(endpoint);
    }

    String worker() {
        return worker;
    }

    String endpoint() {
        return sender.endpoint();
    }

    /** {@link System#nanoTime()} when this link was made. */
    long createdAtNanos() {
        return createdAtNanos;
    }

    /** Whether a connection to the worker was ever made (sends no longer wait for one). */
    boolean everConnected() {
        if (!everConnected && sender.connections() > 0) {
            everConnected = true;
        }
        return everConnected;
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
        if (ring != null && ringConnection != sender.connections()) {
            retired.add(ring);  // what the old connection had not delivered is lost, and its bytes with it
            ring = null;
        }
        if (ring == null) {
            ring = rings.get();
            if (ring == null) {
                rings = null;
                return null;
            }
            ringConnection = sender.connections();
        }
        return ring;
    }

    /** Whether the connection to the worker is made (does not wait). */
    boolean isConnected() {
        return sender.isConnected();
    }

    /**
     * Waits until connected.
     *
     * @return whether the worker is connected before {@code timeout} and before {@code whileBlocked} gave up
     */
    boolean awaitConnected(Duration timeout, WhileBlocked whileBlocked) {
        return sender.awaitConnected(timeout, () -> whileBlocked.giveUp(this));
    }

    /**
     * Sends one event's part to the worker: a small one goes into the pack, which is sent when full or at the
     * next {@link #flush}; a large one is sent at once (after the pack, so the order stays), through the ring
     * when there is one. Either way the frames may be reused once this returns.
     *
     * @return false when {@code whileBlocked} gave up while a send waited: then the pack (see
     *         {@link #unsentEvents()}) and possibly this part were not sent
     */
    boolean queue(long event, byte[] header, List<byte[]> frames, WhileBlocked whileBlocked) {
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
            if (!send(header, frames, whileBlocked)) {
                return false;
            }
        }
        firstPackedEvent = -1;
        return true;
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
     * Sends {@code header} followed by {@code frames} as one message, waiting while the worker does not keep up.
     *
     * @return false when {@code whileBlocked} gave up before the message was sent (nothing of it arrives)
     */
    private boolean send(byte[] header, List<byte[]> frames, WhileBlocked whileBlocked) {
        return sender.send(header, frames, () -> whileBlocked.giveUp(this));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sender.close();
            if (ring != null) {
                ring.delete();
            }
            retired.forEach(SharedMemoryRing::delete);
        }
    }
}
