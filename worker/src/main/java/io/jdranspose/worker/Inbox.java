package io.jdranspose.worker;

import io.jdranspose.runtime.logging.LogLimiter;
import io.jdranspose.api.EventData;
import io.jdranspose.api.StreamData;
import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.PartHeader;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.jdranspose.runtime.wire.SharedMemoryMessage;
import io.jdranspose.runtime.wire.SharedMemoryRing;
import io.jdranspose.runtime.wire.TcpInbox;
import io.jdranspose.runtime.wire.WireFormatException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's data thread: reads {@code [PartHeader, frames…]} messages (alone or packed) from its
 * {@link TcpInbox}, keeps only the current scan's parts (an older serial is dropped, a newer one kept until the update
 * arrives), assembles each event from the parts of all its streams, and runs complete events through the
 * {@link PluginLoop} in the order of the worker's chain (an event runs after the event its header names as
 * previous), a batch of what it has at hand at a time. While the plugin runs nothing is read, so a slow
 * plugin slows the ingesters (the kernel's socket buffers fill up and their sends wait) instead of filling the heap;
 * parts of events still incomplete are held up to the memory bound's checks below.
 */
final class Inbox implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    static final long DEFAULT_MAX_BUFFERED_BYTES = 256L << 20;
    /** Messages of a scan this worker has not heard of yet that it keeps until the update arrives. */
    static final int MAX_FUTURE_PARTS = 4096;
    private static final int BATCH_EVENTS = 64;
    private static final long BATCH_BYTES = 4L << 20;
    /**
     * At the end of a scan, what is already queued on the socket is still taken, up to this many messages
     * (and the memory bound).
     */
    private static final int DRAIN_AT_FINISH = 100_000;

    private record Part(PartHeader header, List<byte[]> frames, long bytes) {
    }

    /** One event being assembled. */
    private static final class Pending {
        final long event;
        final long previous;
        final List<String> streams;
        final StreamData[] parts;
        int have;
        long bytes;
        long ingestNanos = Long.MAX_VALUE;

        Pending(PartHeader h) {
            this.event = h.event();
            this.previous = h.previousEvent();
            this.streams = h.eventStreams();
            this.parts = new StreamData[streams.size()];
        }

        List<String> missing() {
            List<String> m = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] == null) {
                    m.add(streams.get(i));
                }
            }
            return m;
        }
    }

    private final String name;
    private final TcpInbox socket;
    private final Supplier<WorkerScan> current;
    private final PluginLoop loop;
    private final AtomicLong buffered;
    private final long maxBufferedBytes;
    private final SharedMemoryDirectory shm;
    private volatile boolean running = true;

    private final LogLimiter malformedLog = new LogLimiter();
    private final LogLimiter lateLog = new LogLimiter();
    private final LogLimiter duplicateLog = new LogLimiter();
    private final LogLimiter overflowLog = new LogLimiter();
    private volatile long malformed;
    private volatile long stale;
    private volatile long late;
    private volatile long duplicates;
    private volatile long overflow;
    private volatile long incomplete;

    // state of the inbox thread alone
    private WorkerScan scan;
    private boolean finishForwarded;
    private long lastQueued = -1;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<Long, Pending> completeByPrevious = new HashMap<>();
    private final ArrayDeque<Part> future = new ArrayDeque<>();
    private List<ReadyEvent> batch = new ArrayList<>(BATCH_EVENTS);
    private long batchBytes;

    /**
     * @param shm where ingesters on this host leave frames ({@link SharedMemoryMessage}s name rings there); null
     *            when this worker offers none, and such messages are malformed
     */
    Inbox(String name, TcpInbox socket, Supplier<WorkerScan> current, PluginLoop loop, AtomicLong buffered,
          long maxBufferedBytes, SharedMemoryDirectory shm) {
        this.shm = shm;
        this.name = name;
        this.socket = socket;
        this.current = current;
        this.loop = loop;
        this.buffered = buffered;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    void stop() {
        running = false;
        socket.wakeup();
    }

    /** Messages that were not a valid part (bad header, wrong frame count). */
    long malformed() {
        return malformed;
    }

    /** Parts of an older scan. */
    long stale() {
        return stale;
    }

    /** Every part dropped for whatever reason. */
    long dropped() {
        return malformed + stale + late + duplicates + overflow + incomplete;
    }

    @Override
    public void run() {
        try {
            while (running) {
                WorkerScan now = current.get();
                if (now != scan) {
                    switchTo(now);
                }
                if (scan != null && scan.finishRequested && !finishForwarded) {
                    forwardFinish();
                }
                if (buffered.get() > maxBufferedBytes) {
                    // what is complete runs first; what stays held waits for parts that may be next on the socket
                    flushBatch();
                }
                List<byte[]> message;
                if (batch.isEmpty()) {
                    loop.tick();
                    long t0 = System.nanoTime();
                    message = socket.receive(loop.millisUntilDue());
                    WorkerScan s = scan;
                    if (s != null) {
                        s.waitNanos += System.nanoTime() - t0;
                    }
                } else {
                    message = socket.receive(0);
                }
                if (message == null) {
                    flushBatch();
                    continue;
                }
                WorkerScan after = current.get();
                if (after != scan) {
                    switchTo(after);  // the scan changed while we waited: judge the part by the new one
                }
                try {
                    receive(message);
                } catch (RuntimeException e) {
                    // a bug must not leave the worker deaf: log, drop the message, go on
                    if (malformedLog.allow()) {
                        LOG.error("worker {}: failed on a message of the inbox; dropped", name, e);
                    }
                }
                if (batch.size() >= BATCH_EVENTS || batchBytes >= BATCH_BYTES) {
                    flushBatch();
                }
            }
        } catch (IOException e) {
            if (running) {
                LOG.error("worker {}: inbox failed: {}", name, e.toString(), e);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("worker {}: inbox thread failed", name, e);
        } finally {
            loop.close();
            socket.close();
        }
    }

    private void receive(List<byte[]> message) {
        long t0 = System.nanoTime();
        byte[] first = message.get(0);
        List<byte[]> frames = message.size() == 1 ? List.of() : message.subList(1, message.size());
        long bytes = 0;
        for (int i = 0, n = message.size(); i < n; i++) {
            bytes += message.get(i).length;
        }
        long t1 = System.nanoTime();
        if (frames.isEmpty() && PackedMessages.isPack(first)) {
            List<List<byte[]>> messages;
            try {
                messages = PackedMessages.unpack(first);
            } catch (WireFormatException e) {
                malformed(e.getMessage());
                return;
            }
            for (List<byte[]> packed : messages) {
                long size = 0;
                for (byte[] part : packed) {
                    size += part.length;
                }
                handle(packed.get(0), packed.subList(1, packed.size()), size);
            }
        } else {
            handle(first, frames, bytes);
        }
        WorkerScan s = scan;
        if (s != null) {
            s.messagesNanos += t1 - t0;
            s.assembleNanos += System.nanoTime() - t1;
        }
    }

    /**
     * One ingester message: a part header and the stream's frames of one event, or a {@link SharedMemoryMessage}
     * saying where they are.
     */
    private void handle(byte[] first, List<byte[]> frames, long bytes) {
        if (frames.isEmpty() && SharedMemoryMessage.isSharedMemoryMessage(first)) {
            fromSharedMemory(first);
            return;
        }
        PartHeader h;
        try {
            h = PartHeader.decode(first);
        } catch (WireFormatException e) {
            malformed(e.getMessage() + " (" + (frames.size() + 1) + " parts, " + bytes + " bytes)");
            return;
        }
        if (h.frameCount() != frames.size()) {
            malformed("the header of event " + h.event() + ", stream " + h.stream() + " announces " + h.frameCount()
                    + " frames, the message has " + frames.size());
            return;
        }
        buffered.addAndGet(bytes);
        route(new Part(h, frames, bytes));
    }

    /** Copies the frames out of the ring, which frees their place at once (whatever becomes of them). */
    private void fromSharedMemory(byte[] message) {
        if (shm == null) {
            malformed("a shared-memory message, but this worker offers no shared memory");
            return;
        }
        List<byte[]> frames;
        byte[] header;
        try {
            SharedMemoryMessage m = SharedMemoryMessage.decode(message);
            SharedMemoryRing ring = shm.ring(m.ring());
            frames = ring.read(m, loop.frameArrays()::take);
            header = m.header();
        } catch (WireFormatException e) {
            malformed(e.getMessage());
            return;
        }
        if (SharedMemoryMessage.isSharedMemoryMessage(header)) {
            malformed("a shared-memory message whose header is another shared-memory message");
            return;
        }
        long bytes = header.length;
        for (byte[] f : frames) {
            bytes += f.length;
        }
        handle(header, frames, bytes);
    }

    private void malformed(String reason) {
        malformed++;
        if (malformedLog.allow()) {
            LOG.warn("worker {}: dropped a malformed message on the inbox: {}{}", name, reason, malformedLog.suffix());
        }
    }

    private void route(Part p) {
        long serial = p.header.scanSerial();
        if (scan == null || serial > scan.serial) {
            if (future.size() >= MAX_FUTURE_PARTS || buffered.get() > maxBufferedBytes) {
                overflow++;
                release(p.bytes);
                if (overflowLog.allow()) {
                    LOG.warn("worker {}: dropped a part of scan serial {}: {} parts of a scan not announced yet are"
                            + " held already{}", name, serial, future.size(), overflowLog.suffix());
                }
            } else {
                future.add(p);
            }
        } else if (serial < scan.serial) {
            stale++;
            release(p.bytes);
            LOG.debug("worker {}: dropped event {} of an older scan (serial {}, current {})", name,
                    p.header.event(), serial, scan.serial);
        } else if (finishForwarded) {
            late++;
            release(p.bytes);
            if (lateLog.allow()) {
                LOG.warn("worker {}: dropped event {}, stream {}: {} has finished{}", name, p.header.event(),
                        p.header.stream(), scan, lateLog.suffix());
            }
        } else {
            assemble(p);
        }
    }

    private void assemble(Part p) {
        PartHeader h = p.header;
        long event = h.event();
        if (event <= lastQueued) {
            duplicate(p, "event " + event + " already ran (the last event queued is " + lastQueued + ")");
            return;
        }
        Pending pe = pending.get(event);
        if (pe == null) {
            pe = new Pending(h);
            pending.put(event, pe);
        } else if (pe.previous != h.previousEvent() || !pe.streams.equals(h.eventStreams())) {
            duplicate(p, "its header (previous event " + h.previousEvent() + ", streams " + h.eventStreams()
                    + ") contradicts an earlier part (previous event " + pe.previous + ", streams " + pe.streams + ")");
            return;
        }
        int index = pe.streams.indexOf(h.stream());
        if (pe.parts[index] != null) {
            duplicate(p, "stream " + h.stream() + " arrived twice");
            return;
        }
        pe.parts[index] = new StreamData(h.type(), p.frames);
        pe.have++;
        pe.bytes += p.bytes;
        pe.ingestNanos = Math.min(pe.ingestNanos, h.ingestNanos());
        if (pe.have < pe.parts.length) {
            return;
        }
        pending.remove(event);
        if (pe.previous == lastQueued) {
            enqueue(pe);
            for (Pending next = completeByPrevious.remove(lastQueued); next != null;
                 next = completeByPrevious.remove(lastQueued)) {
                enqueue(next);
            }
        } else if (completeByPrevious.putIfAbsent(pe.previous, pe) != null) {
            release(pe.bytes);
            duplicates++;
            if (duplicateLog.allow()) {
                LOG.warn("worker {}: dropped event {}: another event also follows event {} in this worker's order{}",
                        name, event, pe.previous, duplicateLog.suffix());
            }
        }
    }

    private void duplicate(Part p, String why) {
        duplicates++;
        release(p.bytes);
        if (duplicateLog.allow()) {
            LOG.warn("worker {}: dropped a part of event {}, stream {}: {}{}", name, p.header.event(),
                    p.header.stream(), why, duplicateLog.suffix());
        }
    }

    private void enqueue(Pending pe) {
        Map<String, StreamData> streams = new LinkedHashMap<>(pe.parts.length * 2);
        for (int i = 0; i < pe.parts.length; i++) {
            streams.put(pe.streams.get(i), pe.parts[i]);
        }
        batch.add(new ReadyEvent(new EventData(pe.event, streams), pe.ingestNanos, pe.bytes));
        batchBytes += pe.bytes;
        lastQueued = pe.event;
    }

    /** Runs the events assembled so far (the inbox reads on once the plugin has run them). */
    private void flushBatch() {
        if (!batch.isEmpty()) {
            ReadyEvent.Batch ready = new ReadyEvent.Batch(scan, batch, batchBytes, false);
            batch = new ArrayList<>(BATCH_EVENTS);
            batchBytes = 0;
            loop.handle(ready);
        }
    }

    /** The controller ended the scan: run what is complete, then the plugin's finish. */
    private void forwardFinish() {
        for (int i = 0; i < DRAIN_AT_FINISH && buffered.get() <= maxBufferedBytes; i++) {
            List<byte[]> message;
            try {
                message = socket.receive(0);
            } catch (IOException e) {
                LOG.error("worker {}: inbox failed: {}", name, e.toString(), e);
                break;
            }
            if (message == null) {
                break;
            }
            receive(message);
        }
        if (!completeByPrevious.isEmpty()) {
            TreeMap<Long, Pending> byEvent = new TreeMap<>();
            completeByPrevious.values().forEach(pe -> byEvent.put(pe.event, pe));
            completeByPrevious.clear();
            LOG.warn("worker {}: {} finished while {} complete events still waited for earlier events that never came"
                    + " (first: event {} after event {}); running them in event order", name, scan, byEvent.size(),
                    byEvent.firstEntry().getValue().event, byEvent.firstEntry().getValue().previous);
            byEvent.values().forEach(this::enqueue);
        }
        if (!pending.isEmpty()) {
            Pending first = pending.values().stream().min((a, b) -> Long.compare(a.event, b.event)).orElseThrow();
            LOG.warn("worker {}: {} finished with {} incomplete events (first: event {} lacks streams {}); dropped",
                    name, scan, pending.size(), first.event, first.missing());
            incomplete += pending.size();
            pending.values().forEach(pe -> release(pe.bytes));
            pending.clear();
        }
        flushBatch();
        finishForwarded = true;
        loop.handle(ReadyEvent.Batch.finish(scan));
    }

    /** A new scan (or none): everything of the old one goes; parts kept for the new one are assembled now. */
    private void switchTo(WorkerScan next) {
        pending.values().forEach(pe -> release(pe.bytes));
        pending.clear();
        completeByPrevious.values().forEach(pe -> release(pe.bytes));
        completeByPrevious.clear();
        release(batchBytes);
        batch = new ArrayList<>(BATCH_EVENTS);
        batchBytes = 0;
        lastQueued = -1;
        scan = next;
        finishForwarded = false;
        for (int n = future.size(); n > 0; n--) {
            route(future.poll());
        }
    }

    private void release(long bytes) {
        buffered.addAndGet(-bytes);
    }
}
