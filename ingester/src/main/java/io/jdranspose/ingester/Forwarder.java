package io.jdranspose.ingester;

import io.jdranspose.api.StreamData;
import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.control.UpdateFollower;
import io.jdranspose.runtime.wire.PartHeader;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingester's one data thread: it owns every data socket (the detector's ZeroMQ socket, which must stay on
 * one thread, and one {@link WorkerLink} per worker, which it writes itself), cuts upstream messages into the stream's items,
 * matches the k-th item with the k-th assignment naming the stream, records it and sends it to the named
 * workers. Scan switches are requested by the update thread and carried out here, between two frames or
 * while waiting, never in the middle of a send.
 *
 * <p>Waiting: with PULL, a frame that has no assignment yet stops the reading, so the detector's sends
 * block; with SUB the socket is read on (also while a worker's queue is full) into a queue of
 * {@link IngesterConfig#queueFrames()}, beyond which frames are dropped and counted. Every wait is bounded
 * and checks for a new scan, so switching never waits for a slow or dead worker.
 */
final class Forwarder implements WorkerLink.WhileBlocked {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    static final Duration FIRST_SEND_WAIT = Duration.ofSeconds(10);
    static final String SOURCE = "ingester";
    private static final long IDLE_NANOS = 50_000_000L;
    private static final long ERROR_PAUSE_NANOS = 100_000_000L;
    private static final int PULL_ASSIGNMENT_WAIT_MILLIS = 20;
    /** SUB must keep reading while it waits, so it looks at the assignments in short slices. */
    private static final int SUB_ASSIGNMENT_WAIT_MILLIS = 1;
    private static final int SUB_DRAIN_LIMIT = 1000;
    private static final long HOUSEKEEPING_NANOS = 1_000_000_000L;
    private static final long OVERFLOW_WARNING_NANOS = 1_000_000_000L;

    /** A scan switch or finish, acknowledged when carried out. */
    record Request(ScanUpdate update, CompletableFuture<Void> applied) {
    }

    /** An item waiting for its assignment, with the time it came from the detector. */
    private record Pending(StreamData data, long ingestNanos) {
    }

    private final IngesterConfig config;
    private final String stream;
    private final String type;
    private final boolean sub;
    /** Whether a forwarded item's frames may go back to the source (see {@link UpstreamSource#recycle}). */
    private final boolean recycleFrames;
    private final UpstreamConnector connector;
    private final AssignmentReader reader;
    private final RedisKeys keys;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final Thread thread;
    private final AtomicReference<Request> requests = new AtomicReference<>();
    private volatile boolean running = true;

    // read by the heartbeat, written only by the forwarding thread
    private volatile long forwarded;
    private volatile long dropped;
    private volatile long recycled;
    private volatile String mappingUuid;
    private volatile String finishedUuid;

    // the forwarding thread's own
    private final WorkerLinks links;
    private long housekeptAtNanos;
    private Scan scan;

    Forwarder(IngesterConfig config, UpstreamConnector connector, WorkerDirectory directory,
              AssignmentReader reader, RedisKeys keys, StatefulRedisConnection<String, byte[]> commands,
              SharedMemoryDirectory shm, long ringBytes) {
        this.config = config;
        this.stream = config.stream();
        this.type = config.protocol().streamType();
        this.sub = config.keepsReading();
        this.recycleFrames = config.protocol().readerKeepsNoFrames();
        this.connector = connector;
        this.reader = reader;
        this.keys = keys;
        this.commands = commands;
        this.links = new WorkerLinks(directory, config.name(), shm, ringBytes);
        this.thread = Thread.ofPlatform().name("ingest-" + config.name()).unstarted(this::run);
    }

    Forwarder start() {
        thread.start();
        return this;
    }

    /** Asks the forwarding thread to switch to (or finish) the update's scan; completes when it has. */
    CompletableFuture<Void> submit(ScanUpdate update) {
        Request request = new Request(update, new CompletableFuture<>());
        Request replaced = requests.getAndSet(request);
        if (replaced != null) {
            replaced.applied().complete(null); // superseded: nobody should wait for it any longer
        }
        if (!running) {
            request.applied().complete(null);
        }
        LockSupport.unpark(thread);
        return request.applied();
    }

    long forwarded() {
        return forwarded;
    }

    long dropped() {
        return dropped;
    }

    long recycled() {
        return recycled;
    }

    String mappingUuid() {
        return mappingUuid;
    }

    String finishedUuid() {
        return finishedUuid;
    }

    List<String> connectedWorkers() {
        return links.connected();
    }

    // ------------------------------------------------------------------ the loop

    private void run() {
        while (running) {
            try {
                Request request = requests.getAndSet(null);
                if (request != null) {
                    apply(request);
                    continue;
                }
                housekeeping();
                Scan s = scan;
                if (s == null || !s.forwarding()) {
                    LockSupport.parkNanos(this, IDLE_NANOS);
                    continue;
                }
                step(s);
            } catch (RuntimeException e) {
                LOG.error("stream {}: forwarding failed; the current scan is abandoned", stream, e);
                if (scan != null) {
                    end(scan, "abandoned after an error");
                }
                LockSupport.parkNanos(this, ERROR_PAUSE_NANOS);
            }
        }
        if (scan != null) {
            end(scan, "abandoned at shutdown");
        }
        links.closeAll();
        Request left = requests.getAndSet(null);
        if (left != null) {
            left.applied().complete(null);
        }
    }

    private void step(Scan s) {
        Assignment next = nextOwnAssignment(s);
        if (s.pending.isEmpty()) {
            receive(s, true);
            return;
        }
        if (next != null) {
            Pending item = s.pending.pollFirst();
            s.pendingBytes -= item.data().byteCount();
            forward(s, next, item);
            return;
        }
        if (s.allAssigned()) {
            dropBeyondMap(s);
            return;
        }
        // an item waits for its assignment
        flushPacks();
        if (sub) {
            drainSubscription(s);
            s.head = s.feed.poll(SUB_ASSIGNMENT_WAIT_MILLIS);
        } else {
            s.head = s.feed.poll(PULL_ASSIGNMENT_WAIT_MILLIS); // not reading upstream: backpressure
        }
    }

    /**
     * The next assignment with our stream, or null when none is queued yet. Assignments without our stream
     * (null cells) consume no frame; they only tell which workers got which event.
     */
    private Assignment nextOwnAssignment(Scan s) {
        while (true) {
            Assignment a = s.head != null ? s.head : s.feed.poll();
            s.head = a;
            if (a == null || a.assignments().containsKey(stream)) {
                return a;
            }
            s.history.record(a);
            s.head = null;
        }
    }

    private void receive(Scan s, boolean wait) {
        List<byte[]> message = s.upstream.receive(false);
        if (message == null && wait) {
            // nothing more at hand: what is packed goes out before the thread blocks
            flushPacks();
            if (stopping()) {
                return;
            }
            message = s.upstream.receive(true);
        }
        if (message != null) {
            accept(s, message, System.nanoTime());
        } else if (s.upstream.exhausted()) {
            end(s, "ended: the source closed the connection");
        }
    }

    private void accept(Scan s, List<byte[]> message, long ingestNanos) {
        long droppedBefore = s.cutter.dropped();
        List<StreamData> items = s.cutter.accept(message);
        dropped += s.cutter.dropped() - droppedBefore; // an empty list may also mean "part of an item so far"
        for (int i = 0, n = items.size(); i < n; i++) {
            StreamData item = items.get(i);
            if (sub && (s.pending.size() >= config.queueFrames()
                    || s.pendingBytes + item.byteCount() > IngesterConfig.QUEUE_BYTES)) {
                dropped++;
                s.overflow++;
                warnOverflow(s, false);
            } else {
                s.pending.addLast(new Pending(item, ingestNanos));
                s.pendingBytes += item.byteCount();
            }
        }
    }

    /** SUB: reads what the detector has sent so far, so ZeroMQ never drops anything uncounted. */
    private void drainSubscription(Scan s) {
        for (int i = 0; i < SUB_DRAIN_LIMIT; i++) {
            List<byte[]> message = s.upstream.receive(false);
            if (message == null) {
                return;
            }
            accept(s, message, System.nanoTime());
        }
    }

    private void warnOverflow(Scan s, boolean force) {
        long now = System.nanoTime();
        if (s.overflow > 0 && (force || now - s.overflowWarnedAtNanos >= OVERFLOW_WARNING_NANOS)) {
            LOG.warn("stream {}: dropped {} frames, workers are slower than the source", stream, s.overflow);
            s.overflow = 0;
            s.overflowWarnedAtNanos = now;
        }
    }

    private void dropBeyondMap(Scan s) {
        int n = s.pending.size();
        s.pending.clear();
        s.pendingBytes = 0;
        dropped += n;
        if (!s.warnedBeyondMap) {
            s.warnedBeyondMap = true;
            LOG.warn("stream {}: scan {} has only {} events, all assigned; further upstream frames are dropped",
                    stream, s.uuid, s.update.totalEvents());
        }
    }

    private void forward(Scan s, Assignment assignment, Pending item) {
        s.head = null;
        long event = assignment.eventNumber();
        List<String> workers = assignment.assignments().get(stream);
        if (s.recording != null) {
            s.recording.write(event, item.data()); // before forwarding, as upstream does
        }
        List<byte[]> frames = item.data().frames();
        for (int i = 0, n = workers.size(); i < n; i++) {
            String worker = workers.get(i);
            WorkerLink link = linkFor(s, worker, event);
            if (link == null) {
                continue;
            }
            if (!link.everConnected()) {
                flushPacks();
                if (link.awaitConnected(FIRST_SEND_WAIT, this)) {
                    links.checkConnectedSoon();
                } else {
                    if (stopping()) {
                        return;
                    }
                    LOG.error("stream {}: no connection to worker {} at {} (none within {} s, or it is "
                            + "gone); event {} is not sent to it", stream, worker, link.endpoint(),
                            FIRST_SEND_WAIT.toSeconds(), event);
                    continue;
                }
            }
            byte[] header = new PartHeader(s.serial, event, s.history.previous(worker), item.ingestNanos(), stream,
                    type, frames.size(), s.history.eventStreams(assignment, worker)).encode();
            if (!link.queue(event, header, frames, this)) {
                if (stopping()) {
                    return;
                }
                notSent(link);
            }
        }
        s.history.record(assignment);
        forwarded++;
        if (recycleFrames) {
            s.upstream.recycle(frames); // written to the sockets, rings and recording: nothing refers to them now
            recycled++;
        }
    }

    /** Sends every pack, so that nothing stays behind in one while the thread waits. */
    private void flushPacks() {
        for (WorkerLink link : links.withPacked()) {
            if (!link.flush(this)) {
                if (stopping()) {
                    return;
                }
                notSent(link);
            }
        }
    }

    private void notSent(WorkerLink link) {
        LOG.error("stream {}: worker {} left (its member key is gone or names another inbox) while {} waited for it;"
                + " not sent to it", stream, link.worker(), link.unsentEvents());
        links.close(link);
    }

    private boolean stopping() {
        return !running || requests.get() != null;
    }

    /** Asked while a send or a connection waits: stop for a new scan or a gone worker; SUB keeps reading. */
    @Override
    public boolean giveUp(WorkerLink link) {
        if (stopping()) {
            return true;
        }
        Scan s = scan;
        if (sub && s != null && s.forwarding()) {
            drainSubscription(s);
            warnOverflow(s, false);
        }
        return links.gone(link);
    }

    // ------------------------------------------------------------------ workers

    private WorkerLink linkFor(Scan s, String worker, long event) {
        WorkerLink link = links.get(worker);
        if (link == null && s.unknownLogged.add(worker)) {
            LOG.error("stream {}: event {} is assigned to worker {}, which is not registered; its frames are not "
                    + "sent", stream, event, worker);
        }
        return link;
    }

    /** Between frames: follow the worker directory; about once a second, the overflow warning of a SUB scan. */
    private void housekeeping() {
        links.refresh();
        long now = System.nanoTime();
        if (now - housekeptAtNanos >= HOUSEKEEPING_NANOS) {
            housekeptAtNanos = now;
            if (scan != null && scan.forwarding()) {
                warnOverflow(scan, false);
            }
        }
    }

    // ------------------------------------------------------------------ scans

    private void apply(Request request) {
        ScanUpdate update = request.update();
        try {
            if (scan != null && scan.uuid.equals(update.mappingUuid())) {
                if (update.finished() && !scan.finished) {
                    end(scan, "finished");
                    scan.finished = true;
                    reportFinished(scan);
                }
            } else {
                if (scan != null) {
                    end(scan, "abandoned for scan " + update.mappingUuid());
                }
                scan = begin(update);
            }
        } finally {
            request.applied().complete(null);
        }
    }

    private Scan begin(ScanUpdate update) {
        Scan s = new Scan(update);
        if (update.finished()) {
            s.finished = true;
            mappingUuid = s.uuid;
            reportFinished(s);
            return s;
        }
        if (!update.activeStreams().contains(stream)) {
            reader.stop();
            LOG.info("stream {} is not part of scan {}: forwarding nothing", stream, s.uuid);
            mappingUuid = s.uuid;
            return s;
        }
        try {
            s.upstream = connector.open();
        } catch (RuntimeException e) {
            LOG.error("stream {}: cannot connect to the detector at {}: {}; scan {} gets nothing from it", stream,
                    config.upstreamUrl(), e.getMessage(), s.uuid);
            mappingUuid = s.uuid;
            return s;
        }
        Path path = ScanRecording.pathFor(config, update.dumpPrefix(), s.uuid);
        s.recording = path == null ? null : ScanRecording.open(path, stream);
        s.feed = reader.follow(keys.assigned(s.uuid));
        LOG.info("stream {}: scan {} (serial {}, {} events) started, reading {} ({}){}", stream, s.uuid, s.serial,
                update.totalEvents(), config.upstreamUrl(), config.sourceKind(),
                path == null ? "" : ", recording to " + path);
        mappingUuid = s.uuid;
        return s;
    }

    /** Stops the scan's data flow: detector socket (linger 0), assignments, recording; queued frames are dropped. */
    private void end(Scan s, String why) {
        if (s.upstream == null) {
            return;
        }
        s.upstream.close();
        s.upstream = null;
        links.dropPacked(); // a finished scan has sent everything; an abandoned one must not reach the next
        if (s.feed != null) {
            s.feed.close();
        }
        if (s.recording != null) {
            s.recording.close();
        }
        int queued = s.pending.size();
        s.pending.clear();
        s.pendingBytes = 0;
        dropped += queued;
        warnOverflow(s, true);
        LOG.info("stream {}: scan {} {}: {} items forwarded, {} upstream messages dropped by the series cutter{}",
                stream, s.uuid, why, s.forwardedInScan(), s.cutter.dropped(),
                queued == 0 ? "" : ", " + queued + " queued frames dropped");
    }

    private void reportFinished(Scan s) {
        try {
            commands.sync().xadd(keys.reports(s.uuid), XAddArgs.Builder.nomkstream(),
                    Map.of(UpdateFollower.FIELD, new Report.Finished(SOURCE, config.name()).toJson()));
        } catch (RuntimeException e) {
            LOG.error("stream {}: cannot report scan {} finished: {}", stream, s.uuid, e.getMessage());
        }
        finishedUuid = s.uuid;
    }

    /** Asks the thread to stop after closing everything, and waits for it. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("stream {}: the forwarding thread did not stop within 5 s", stream);
        }
    }

    /** One scan as the forwarding thread sees it. */
    private final class Scan {
        final ScanUpdate update;
        final String uuid;
        final long serial;
        /** The scan's last event number; no frame is forwarded beyond it. */
        final long lastEvent;
        final SeriesCutter cutter;
        final WorkerHistory history;
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        /** Bytes of the frames in {@link #pending}. */
        long pendingBytes;
        final Set<String> unknownLogged = new HashSet<>();
        final long forwardedBefore = forwarded;
        UpstreamSource upstream;
        AssignmentFeed feed;
        ScanRecording recording;
        /** The next assignment, taken from the feed but not yet used. */
        Assignment head;
        boolean finished;
        long overflow;
        long overflowWarnedAtNanos = System.nanoTime() - OVERFLOW_WARNING_NANOS;
        boolean warnedBeyondMap;

        Scan(ScanUpdate update) {
            this.update = update;
            this.uuid = update.mappingUuid();
            this.serial = update.serial();
            this.lastEvent = update.totalEvents() > 0 ? update.totalEvents() - 1 : Long.MAX_VALUE;
            this.cutter = new SeriesCutter(stream, config.protocol());
            this.history = new WorkerHistory(stream);
        }

        boolean forwarding() {
            return upstream != null;
        }

        /** No assignment is left: all were queued (up to the last event) and taken. Order of checks matters. */
        boolean allAssigned() {
            return head == null && feed.queuedUpTo(lastEvent) && feed.isEmpty();
        }

        long forwardedInScan() {
            return forwarded - forwardedBefore;
        }
    }
}
