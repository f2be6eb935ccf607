package io.jdranspose.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.controller.triggermap.WorkAssignment;
import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.ControlMessageException;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.UpdateFollower;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scan on its own platform thread (docs/pipeline.md "Scan lifecycle", steps 3 and 7), with a
 * connection for its blocking reads that no other thread uses meanwhile: reads the scan's {@code reports} stream in batches, feeds the {@link ScanLedger}, and
 * publishes each batch of new assignments as one {@code XADD} on {@code assigned}. When the scan is complete
 * (or stopped) it has the finished update sent, waits up to 10 s for the components' Finished reports,
 * then deletes the scan's streams and ends.
 *
 * <p>Redis calls are per batch of reports, never per event; reports are decoded once, and nothing is
 * logged per event. HTTP threads read progress through the synchronized accessors.
 */
final class ScanRun {
    private static final Logger LOG = LoggerFactory.getLogger(ScanRun.class);
    private static final Duration BLOCK = Duration.ofMillis(100);
    private static final int BATCH = 1000;
    private static final long MEMBER_CHECK_NANOS = 1_000_000_000L;
    private static final long EXPIRE_NANOS = 10_000_000_000L;
    private static final long FINISH_WAIT_NANOS = 10_000_000_000L;
    /** Backstop expiry of the scan's streams, re-applied every 10 s: if the controller dies, they go anyway. */
    static final Duration STREAM_TTL = Duration.ofHours(1);
    private static final int LOGGED_BAD_REPORTS = 5;

    private final RedisEndpoint redis;
    private final RedisCommands<String, byte[]> commands;
    /** For the blocking reads; used by this run's thread only (runs follow each other, see {@link #abandon()}). */
    private final RedisCommands<String, byte[]> reader;
    private final String uuid;
    private final String reportsKey;
    private final String assignedKey;
    private final ScanLedger ledger;
    /** Member keys of the components whose Finished is awaited besides the ready workers, by "kind:name". */
    private final Map<String, String> otherFinishers;
    private final Predicate<String> announceFinished;
    private final Thread thread;
    private volatile boolean abandoned;
    private volatile boolean stopRequested;
    private List<WorkAssignment> unpublished = new ArrayList<>();
    /** Tracked components ("kind:name") whose member key expired: they will never report. */
    private final Set<String> gone = new TreeSet<>();
    private long badReports;

    /**
     * @param ensemble         who was registered when the scan was announced: workers are registered with
     *                         the engine at once, the ingesters serving an active stream and the reducer
     *                         are expected to report Finished
     * @param announceFinished sends the scan's {@code finished: true} update if the scan is still current
     */
    ScanRun(RedisEndpoint redis, RedisCommands<String, byte[]> commands, RedisCommands<String, byte[]> reader,
            String uuid, MappingSequence mapping, Ensemble ensemble, Predicate<String> announceFinished) {
        this.redis = redis;
        this.commands = commands;
        this.reader = reader;
        this.uuid = uuid;
        RedisKeys keys = redis.keys();
        this.reportsKey = keys.reports(uuid);
        this.assignedKey = keys.assigned(uuid);
        this.announceFinished = announceFinished;
        this.ledger = new ScanLedger(mapping, System.nanoTime());
        for (MemberState worker : ensemble.workers()) {
            ledger.register(worker.name(), worker.tags());
        }
        this.otherFinishers = new HashMap<>();
        for (MemberState ingester : ensemble.ingesters()) {
            if (ingester.streams().stream().anyMatch(mapping.streams()::contains)) {
                otherFinishers.put("ingester:" + ingester.name(), keys.member(ComponentKind.INGESTER, ingester.name()));
            }
        }
        for (MemberState reducer : ensemble.reducers()) {
            otherFinishers.put("reducer:" + reducer.name(), keys.member(ComponentKind.REDUCER, reducer.name()));
        }
        this.thread = Thread.ofPlatform().daemon().name("scan-" + uuid.substring(0, 8)).unstarted(this::run);
    }

    ScanRun start() {
        thread.start();
        return this;
    }

    /** {@code POST /api/v1/stop}: finish now, whatever is missing. */
    void requestStop() {
        stopRequested = true;
    }

    /**
     * A new scan replaces this one: stop at once, publish nothing more. Returns when the thread has ended,
     * so the caller may delete the streams without this thread re-creating one, and reuse its reader.
     *
     * @return false if the thread did not end (then its reader connection must not be reused)
     */
    boolean abandon() {
        abandoned = true;
        try {
            // it looks at the flag at least every BLOCK (100 ms), unless a Redis call hangs (10 s timeout)
            thread.join(Duration.ofSeconds(15));
            if (thread.isAlive()) {
                LOG.error("scan {}: the scan thread did not end within 15 s of being abandoned", uuid);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    synchronized ObjectNode progress() {
        return ledger.progress(uuid, System.nanoTime());
    }

    synchronized ObjectNode status() {
        return ledger.status();
    }

    synchronized ObjectNode load(List<Integer> intervals, boolean scan) {
        return ledger.load(intervals, scan);
    }

    synchronized boolean isFinished() {
        return ledger.isFinalized();
    }

    private void run() {
        try {
            loop();
        } catch (RuntimeException e) {
            LOG.error("scan {}: the scan thread failed; the scan will not progress", uuid, e);
        }
    }

    private void loop() {
        String lastId = "0-0";
        long nextMemberCheck = System.nanoTime() + MEMBER_CHECK_NANOS;
        long nextExpire = System.nanoTime() + EXPIRE_NANOS;
        long finishDeadline = 0;
        boolean failing = false;
        XReadArgs args = XReadArgs.Builder.block(BLOCK).count(BATCH);
        while (!abandoned) {
            try {
                List<StreamMessage<String, byte[]>> batch = readReports(args, lastId);
                if (abandoned) {
                    return;
                }
                if (!batch.isEmpty()) {
                    lastId = batch.get(batch.size() - 1).getId();
                }
                // decoded outside the lock, so progress requests never wait for JSON parsing
                List<Report> reports = decode(batch);
                long now = System.nanoTime();
                synchronized (this) {
                    for (Report report : reports) {
                        apply(report, now);
                    }
                    unpublished.addAll(ledger.takePublishable());
                    ledger.sample(now);
                }
                publishAssignments();
                if (now >= nextMemberCheck) {
                    nextMemberCheck = now + MEMBER_CHECK_NANOS;
                    dropVanishedMembers();
                    publishAssignments();
                }
                if (now >= nextExpire) {
                    nextExpire = now + EXPIRE_NANOS;
                    commands.pexpire(reportsKey, STREAM_TTL.toMillis());
                    commands.pexpire(assignedKey, STREAM_TTL.toMillis());
                }
                if (failing) {
                    LOG.info("scan {}: Redis reachable again", uuid);
                    failing = false;
                }
                if (!ledger.isFinishAnnounced() && (stopRequested || isComplete())) {
                    announceFinish();
                    finishDeadline = System.nanoTime() + FINISH_WAIT_NANOS;
                }
                if (ledger.isFinishAnnounced() && finishReported(finishDeadline)) {
                    cleanUp();
                    return;
                }
            } catch (RedisException e) {
                // Whatever failed is retried: read reports stay applied, unpublished assignments are kept.
                if (abandoned) {
                    return;
                }
                if (!failing) {
                    LOG.warn("scan {}: Redis error ({}); retrying", uuid, e.getMessage());
                    failing = true;
                }
                pause();
            }
        }
    }

    @SuppressWarnings("unchecked") // lettuce takes the offsets as varargs of a generic type
    private List<StreamMessage<String, byte[]>> readReports(XReadArgs args, String lastId) {
        return reader.xread(args, XReadArgs.StreamOffset.from(reportsKey, lastId));
    }

    private synchronized boolean isComplete() {
        return ledger.isComplete();
    }

    private List<Report> decode(List<StreamMessage<String, byte[]>> batch) {
        var reports = new ArrayList<Report>(batch.size());
        for (StreamMessage<String, byte[]> message : batch) {
            byte[] data = message.getBody().get(UpdateFollower.FIELD);
            if (data == null) {
                continue; // the "opened" marker that created the stream
            }
            try {
                reports.add(Report.fromJson(data));
            } catch (ControlMessageException e) {
                skipped(message.getId(), e.getMessage());
            }
        }
        return reports;
    }

    private void apply(Report report, long now) {
        try {
            ledger.apply(report, now);
        } catch (ControlMessageException | IllegalArgumentException | IllegalStateException e) {
            skipped(report.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " report", e.getMessage());
        }
    }

    /** Logs a bad report; after a few, only every 1000th, so a broken component cannot flood the log. */
    private void skipped(String which, String why) {
        badReports++;
        if (badReports <= LOGGED_BAD_REPORTS || badReports % 1000 == 0) {
            LOG.warn("scan {}: skipped {} on {}: {}{}", uuid, which, reportsKey, why,
                    badReports == LOGGED_BAD_REPORTS ? " (from now on only every 1000th bad report is logged)" : "");
        }
    }

    /** Drops workers whose member key expired, and notes every tracked component that is gone. */
    private void dropVanishedMembers() {
        Set<String> vanished = vanishedMembers();
        synchronized (this) {
            for (String member : vanished) {
                if (member.startsWith("worker:")) {
                    String worker = member.substring("worker:".length());
                    LOG.warn("scan {}: worker '{}' is gone (its member key expired); events it held will not complete",
                            uuid, worker);
                    ledger.workerLeft(worker);
                }
            }
            gone.addAll(vanished);
            // a worker that came back (Ready again) is expected to finish again
            gone.removeIf(m -> m.startsWith("worker:") && ledger.knownWorkers().contains(m.substring(7)));
            unpublished.addAll(ledger.takePublishable());
        }
    }

    /** "kind:name" of the tracked components whose member key expired. */
    private Set<String> vanishedMembers() {
        var keysByMember = new HashMap<String, String>();
        RedisKeys keys = redis.keys();
        Set<String> workers;
        synchronized (this) {
            workers = new TreeSet<>(ledger.knownWorkers());
        }
        workers.forEach(w -> keysByMember.put("worker:" + w, keys.member(ComponentKind.WORKER, w)));
        keysByMember.putAll(otherFinishers);
        if (keysByMember.isEmpty()) {
            return Set.of();
        }
        List<String> memberKeys = List.copyOf(keysByMember.values());
        var present = new java.util.HashSet<String>();
        for (var kv : commands.mget(memberKeys.toArray(String[]::new))) {
            if (kv.hasValue()) {
                present.add(kv.getKey());
            }
        }
        var vanished = new TreeSet<String>();
        keysByMember.forEach((member, key) -> {
            if (!present.contains(key)) {
                vanished.add(member);
            }
        });
        return vanished;
    }

    private void publishAssignments() {
        if (unpublished.isEmpty() || abandoned) {
            return;
        }
        List<WorkAssignment> batch = unpublished;
        // written straight from the engine's assignments: no Assignment record per event
        byte[] json = Assignment.toJson(batch, WorkAssignment::eventNumber, WorkAssignment::streams);
        commands.xadd(assignedKey, Map.of(UpdateFollower.FIELD, json));
        unpublished = new ArrayList<>();
    }

    private void announceFinish() {
        // sent first: if Redis fails here, the next round tries again
        announceFinished.test(uuid);
        Set<String> expected;
        synchronized (this) {
            if (stopRequested) {
                ledger.stop();
            }
            expected = new TreeSet<>(otherFinishers.keySet());
            expected.addAll(ledger.readyWorkers());
            ledger.finishAnnounced(expected);
        }
        LOG.info("scan {}: {}; waiting for {} to finish", uuid, stopRequested ? "stopped" : "all events done",
                expected);
    }

    private boolean finishReported(long deadline) {
        Set<String> missing;
        synchronized (this) {
            missing = ledger.missingFinishers();
            missing.removeAll(gone);
        }
        if (missing.isEmpty()) {
            return true;
        }
        if (System.nanoTime() >= deadline) {
            LOG.warn("scan {}: no finish report from {} within {} s; finishing without", uuid, missing,
                    FINISH_WAIT_NANOS / 1_000_000_000L);
            return true;
        }
        return false;
    }

    private void cleanUp() {
        commands.del(assignedKey, reportsKey);
        synchronized (this) {
            ledger.finalizeScan();
        }
        LOG.info("scan {} finished: {} of {} events", uuid, ledger.completedCount(), ledger.totalEvents());
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
        }
    }
}
