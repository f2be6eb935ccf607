package io.jdranspose.worker;

import io.jdranspose.runtime.logging.LogLimiter;
import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.runtime.codec.EncodedResult;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.UpdateFollower;
import io.jdranspose.runtime.wire.FrameArrayPool;
import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.ResultHeader;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the events the inbox assembled, on the inbox's thread, one at a time and in order, through the
 * scan's {@link EventProcessor}; sends non-null results to the reducer over its own {@link ReducerLink}
 * (packed, see {@link PackedMessages}); reports completions in batches ({@code Done} when 256 are pending or
 * 20 ms after the first, with asynchronous {@code XADD}s, so no event waits for Redis); and finishes the
 * scan when the inbox says so.
 */
final class PluginLoop {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoop.class);
    /**
     * Completions reported per {@code Done} at most. Every report costs an XADD here and a read and a decode at
     * the controller; at tens of thousands of events per second, batches of 64 made Redis traffic a third of
     * a core. A quarter of the worker's credit at most, so that the controller always has completions to
     * re-assign from before the worker runs dry.
     */
    static final int REPORT_EVENTS = 256;
    /**
     * The longest a completion waits for its report. At a low rate the timer, not the count, sends reports: at
     * 5 ms, a paced scan of 1,000 events/s woke lettuce, redis-server and the controller 200 times a second
     * per worker (about a quarter of a core in all, and latency tails from the contention); no
     * reader needs completions sooner than this.
     */
    static final long REPORT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The inbox's longest blocking receive, so that scan switches are seen soon. */
    static final int IDLE_MILLIS = 10;
    private static final Duration FIRST_CONNECT = Duration.ofSeconds(10);
    private static final XAddArgs NO_STREAM_CREATION = XAddArgs.Builder.nomkstream();

    /** Where results go: the reducer's inbox and the process behind it. */
    record ReducerTarget(String url, String serviceUuid) {
    }

    /** What the plugin loop needs from the service. */
    interface Host {
        WorkerScan current();

        ReducerTarget reducer();

        Parameters parameters();

        RedisAsyncCommands<String, byte[]> redis();

        /** Called on the inbox thread after the scan's plugin finished and its reports went out. */
        void finished(WorkerScan scan);
    }

    private final String name;
    private final Host host;
    private final AtomicLong buffered;
    private volatile boolean running = true;
    private volatile long processed;

    private ReducerLink link;
    private boolean linkEverConnected;
    /** The first wait for this link's connection timed out: from now on only check, do not wait. */
    private boolean linkWaitedInVain;
    private final LogLimiter noReducerLog = new LogLimiter();
    private final LogLimiter redisLog = new LogLimiter();
    private final LogLimiter sendLog = new LogLimiter();
    private final LogLimiter failureLog = new LogLimiter();

    /** Results packed for the reducer, and the indexes (in the running batch) of their events. */
    private final PackedMessages results = new PackedMessages();
    private final int[] packed = new int[PackedMessages.FULL_COUNT];
    private int packedCount;
    private static final byte NO_RESULT = 0;
    private static final byte PACKED = 1;
    private static final byte SENT = 2;
    private static final byte UNSENT = 3;
    /** Per event of the running batch: what became of its result. */
    private byte[] outcome = new byte[64];

    // completions not yet reported, all of one scan
    private WorkerScan pendingScan;
    private List<Long> completed = new ArrayList<>(REPORT_EVENTS);
    private List<Boolean> hasResult = new ArrayList<>(REPORT_EVENTS);
    private long firstPendingNanos;

    private final int reportEvents;
    /** Arrays for frames out of shared memory, back from events whose plugin keeps no frame. */
    private final FrameArrayPool frameArrays = new FrameArrayPool();

    /** @param credit the worker's credit (events assigned ahead of completion) */
    PluginLoop(String name, Host host, AtomicLong buffered, int credit) {
        this.reportEvents = Math.max(1, Math.min(REPORT_EVENTS, credit / 4));
        this.name = name;
        this.host = host;
        this.buffered = buffered;
    }

    void stop() {
        running = false;
    }

    /** Where the inbox (on the same thread) takes arrays for frames out of shared memory from. */
    FrameArrayPool frameArrays() {
        return frameArrays;
    }

    /** Events run through the plugin since start. */
    long processed() {
        return processed;
    }

    /**
     * Runs one batch the inbox assembled (a scan's finish is a batch too), on the inbox's thread: running the
     * plugin there saves a thread hand-off per batch (a wake-up, tens of microseconds of latency), and while
     * it runs nothing more is read, so a slow plugin holds the ingesters back through full socket buffers.
     */
    void handle(ReadyEvent.Batch batch) {
        tick();
        awaitAnnounced(batch.scan());
        WorkerScan scan = host.current();
        try {
            if (batch.scan() != scan || scan == null) {
                buffered.addAndGet(-batch.bytes());
            } else if (batch.finish()) {
                finish(scan);
            } else {
                run(scan, batch);
            }
        } catch (RuntimeException | Error e) {
            // plugin failures are isolated per event already; this is the last line, so that the worker goes
            // on with the next events instead of losing its inbox thread
            if (failureLog.allow()) {
                LOG.error("worker {}: plugin loop failed on a batch of {}; going on", name, scan, e);
            }
        }
        tick();
    }

    /** Between batches: reports completions that are due; forgets those of a scan that was left. */
    void tick() {
        if (pendingScan != null && pendingScan != host.current()) {
            dropPending();  // the scan was abandoned: its completions no longer matter
        }
        if (!completed.isEmpty() && System.nanoTime() - firstPendingNanos >= REPORT_DELAY_NANOS) {
            flush();
        }
    }

    /** How long the inbox may block before {@link #tick()} has a report to send, in ms (at least 1). */
    int millisUntilDue() {
        if (completed.isEmpty()) {
            return IDLE_MILLIS;
        }
        long nanos = firstPendingNanos + REPORT_DELAY_NANOS - System.nanoTime();
        return (int) Math.max(1, Math.min(IDLE_MILLIS, (nanos + 999_999) / 1_000_000));
    }

    /** Closes the connection to the reducer (on the inbox thread, which owns it). */
    void close() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    /** Waits (briefly: one synchronous XADD) until the scan's Ready report is out, unless the scan is left. */
    private void awaitAnnounced(WorkerScan scan) {
        while (!scan.announced && running && host.current() == scan) {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Runs a batch. Small results are packed and go to the reducer as one message at the end of the batch (or
     * when the pack is full): the inbox hands over what it has at hand, so a batch holds one event at a low
     * rate and nothing waits. Completions are recorded once their results are sent, so a Done report never
     * claims a result that did not leave.
     */
    private void run(WorkerScan scan, ReadyEvent.Batch batch) {
        List<ReadyEvent> events = batch.events();
        int n = events.size();
        if (outcome.length < n) {
            outcome = new byte[n];
        }
        int ran = 0;
        try {
            for (; ran < n; ran++) {
                ReadyEvent e = events.get(ran);
                if (!running || host.current() != scan) {
                    for (int j = ran; j < n; j++) {
                        buffered.addAndGet(-events.get(j).bytes);
                    }
                    break;
                }
                long t0 = System.nanoTime();
                Parameters parameters = host.parameters();
                EncodedResult result = scan.processor.process(e.data, parameters);
                long t1 = System.nanoTime();
                scan.customNanos += t1 - t0;
                if (!scan.processor.keepsFrames()) {
                    giveBackFrames(e.data);
                }
                outcome[ran] = result == null ? NO_RESULT : send(scan, e, result, ran);
                scan.sendNanos += System.nanoTime() - t1;
                scan.events++;
                processed++;
                buffered.addAndGet(-e.bytes);
            }
            long t2 = System.nanoTime();
            flushResults(scan);
            scan.sendNanos += System.nanoTime() - t2;
        } finally {
            long now = System.nanoTime();
            for (int i = 0; i < ran; i++) {
                complete(scan, events.get(i).data.eventNumber(), outcome[i] == SENT, now);
            }
        }
    }

    /** The plugin promised to keep none of the event's frames ({@link io.jdranspose.api.Worker#keepsFrames()}). */
    private void giveBackFrames(EventData event) {
        for (StreamData stream : event.streams().values()) {
            List<byte[]> frames = stream.frames();
            for (int i = 0, n = frames.size(); i < n; i++) {
                frameArrays.giveBack(frames.get(i));
            }
        }
    }

    private void complete(WorkerScan scan, long event, boolean sent, long now) {
        if (completed.isEmpty()) {
            firstPendingNanos = now;
            pendingScan = scan;
        }
        completed.add(event);
        hasResult.add(sent);
        if (completed.size() >= reportEvents || now - firstPendingNanos >= REPORT_DELAY_NANOS) {
            flush();
        }
    }

    /** Reports the pending completions with one asynchronous XADD. */
    private void flush() {
        if (completed.isEmpty()) {
            return;
        }
        WorkerScan scan = pendingScan;
        Report done = new Report.Done(name, completed, hasResult, scan.times());
        completed = new ArrayList<>(REPORT_EVENTS);
        hasResult = new ArrayList<>(REPORT_EVENTS);
        pendingScan = null;
        xadd(scan, done);
    }

    private void dropPending() {
        completed = new ArrayList<>(REPORT_EVENTS);
        hasResult = new ArrayList<>(REPORT_EVENTS);
        pendingScan = null;
    }

    private void xadd(WorkerScan scan, Report report) {
        try {
            host.redis().xadd(scan.reportsKey, NO_STREAM_CREATION, Map.of(UpdateFollower.FIELD, report.toJson()))
                    .whenComplete((id, error) -> {
                        if (error != null) {
                            redisFailure(scan, error);
                        }
                    });
        } catch (RuntimeException e) {
            redisFailure(scan, e);
        }
    }

    private synchronized void redisFailure(WorkerScan scan, Throwable error) {
        if (redisLog.allow()) {
            LOG.warn("worker {}: cannot report completions of {} to Redis: {}{}", name, scan, error.toString(),
                    redisLog.suffix());
        }
    }

    /** The scan ended: plugin finish, the last completions, then the Finished report (in this order in Redis). */
    private void finish(WorkerScan scan) {
        scan.processor.finish(host.parameters());
        flush();
        try {
            var future = host.redis().xadd(scan.reportsKey, NO_STREAM_CREATION,
                    Map.of(UpdateFollower.FIELD, new Report.Finished("worker", name).toJson()));
            future.get(10, TimeUnit.SECONDS);  // also waits for the Done reports queued before it
        } catch (Exception e) {
            LOG.warn("worker {}: cannot report the end of {} to Redis: {}", name, scan, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("worker {}: finished {} after {} events ({} results, {} plugin failures)", name, scan,
                scan.events, scan.processor.results(), scan.processor.failures());
        host.finished(scan);
    }

    /** Packs or sends one result; returns its outcome (packed ones are settled by {@link #flushResults}). */
    private byte send(WorkerScan scan, ReadyEvent e, EncodedResult result, int index) {
        byte[] header = new ResultHeader(scan.serial, result.eventNumber(), e.ingestNanos, name,
                result.parametersHash()).encode();
        if (PackedMessages.fits(header, List.of(result.payload()))) {
            results.add(header, result.payload());
            outcome[index] = PACKED;
            packed[packedCount++] = index;
            if (results.isFull()) {
                flushResults(scan);
            }
            return outcome[index];
        }
        flushResults(scan); // keeps the order of results
        return deliver(scan, header, List.of(result.payload()), "event " + result.eventNumber()) ? SENT : UNSENT;
    }

    /** Sends the packed results and settles their outcome. */
    private void flushResults(WorkerScan scan) {
        if (results.isEmpty()) {
            return;
        }
        int count = results.count();
        byte[] pack = results.take();
        boolean sent = deliver(scan, pack, List.of(), count + " results");
        for (int i = 0; i < packedCount; i++) {
            outcome[packed[i]] = sent ? SENT : UNSENT;
        }
        packedCount = 0;
    }

    /** Sends one message to the reducer; false when it could not reach it (its events count as without result). */
    private boolean deliver(WorkerScan scan, byte[] first, List<byte[]> rest, String what) {
        for (int attempt = 0; attempt < 3; attempt++) {
            ReducerTarget target = host.reducer();
            if (target == null) {
                if (noReducerLog.allow()) {
                    LOG.warn("worker {}: no reducer is registered; {} dropped{}", name, what, noReducerLog.suffix());
                }
                return false;
            }
            if (!connect(target, scan)) {
                return false;
            }
            ReducerLink current = link;
            BooleanSupplier giveUp = () -> !running || host.current() != scan || !target.equals(host.reducer());
            try {
                if (current.send(first, rest, giveUp)) {
                    return true;
                }
            } catch (IllegalArgumentException ex) {
                if (sendLog.allow()) {
                    LOG.warn("worker {}: {} not sent: {}{}", name, what, ex.getMessage(), sendLog.suffix());
                }
                closeLink();
                return false;
            }
            if (!running || host.current() != scan) {
                return false;
            }
            // the reducer was replaced while we waited: send to the new one
        }
        return false;
    }

    /** Makes sure the link goes to {@code target}; the first time, waits up to 10 s for the connection. */
    private boolean connect(ReducerTarget target, WorkerScan scan) {
        if (link != null && (!link.endpoint().equals(target.url()) || !link.serviceUuid().equals(target.serviceUuid()))) {
            LOG.info("worker {}: the reducer is now at {} (was {})", name, target.url(), link.endpoint());
            closeLink();
        }
        if (link == null) {
            link = new ReducerLink(target.url(), target.serviceUuid());
            linkEverConnected = false;
            linkWaitedInVain = false;
        }
        if (linkEverConnected) {
            return true;  // a later disconnect shows as a send that waits, which can be given up
        }
        boolean connected = linkWaitedInVain ? link.isConnected() : link.awaitConnected(FIRST_CONNECT,
                () -> !running || host.current() != scan || !target.equals(host.reducer()));
        if (connected) {
            linkEverConnected = true;
            return true;
        }
        if (running && host.current() == scan && target.equals(host.reducer())) {
            linkWaitedInVain = true;  // timed out, not given up
        }
        if (noReducerLog.allow()) {
            LOG.warn("worker {}: the reducer at {} did not accept a connection within {} s; result dropped{}", name,
                    target.url(), FIRST_CONNECT.toSeconds(), noReducerLog.suffix());
        }
        return false;
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
            linkEverConnected = false;
            linkWaitedInVain = false;
        }
    }
}
