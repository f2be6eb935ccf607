package io.jdranspose.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.controller.triggermap.AssignmentEngine;
import io.jdranspose.controller.triggermap.CompletionTracker;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.controller.triggermap.VirtualWorker;
import io.jdranspose.controller.triggermap.WorkAssignment;
import io.jdranspose.runtime.control.ControlMessageException;
import io.jdranspose.runtime.control.Report;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bookkeeping of one scan, without I/O or threads, so it can be tested and measured alone:
 * it turns {@link Report}s into assignments to publish and answers progress, status and load.
 * {@link ScanRun} feeds it from Redis and publishes what it returns; it is not thread-safe.
 *
 * <p>Flow control: each worker announces its credit in its {@link Report.Ready}; the ledger offers the
 * {@link AssignmentEngine} (back-pressure horizon off) one unit of credit at a time while the worker
 * holds fewer published, uncompleted events than its credit, so a worker never holds more than its
 * credit, except that one grant of a batched constraint ({@code i // 10}) publishes its whole batch.
 *
 * <p>Public only for what drives a scan (register, apply, take publishable, sample, completion), so the
 * JMH benchmark in the bench module can run the controller's per-event bookkeeping as {@link ScanRun} does.
 */
public final class ScanLedger {
    /** Progress with nothing completed for this long is reported as stalled. */
    static final long STALL_NANOS = 5_000_000_000L;
    /** Timing records kept per worker for {@code /api/v1/load}; the oldest are dropped beyond this. */
    private static final int MAX_TIMING_RECORDS = 10_000;
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    private static final long RATE_SAMPLE_NANOS = 100_000_000L;
    private static final int RATE_SAMPLES = 32;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final MappingSequence mapping;
    private final AssignmentEngine engine;
    private final CompletionTracker tracker;
    private final long startedNanos;
    /** Workers that sent Ready, with their credit, in the order they joined. */
    private final Map<String, Integer> credits = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Long, Report.WorkerTimes>> timing = new TreeMap<>();
    /** "kind:name" of every component that reported Finished. */
    private final Set<String> finishedBy = new HashSet<>();
    private final List<WorkAssignment> publishable = new ArrayList<>();
    private long lastCompletionNanos;
    private final long[] sampleNanos = new long[RATE_SAMPLES];
    private final long[] sampleCounts = new long[RATE_SAMPLES];
    private int sampleCount;
    private int sampleNewest = -1;
    private boolean finishAnnounced;
    private Set<String> expectedFinishers = Set.of();
    private boolean finalized;

    public ScanLedger(MappingSequence mapping, long nowNanos) {
        this.mapping = mapping;
        this.engine = new AssignmentEngine(mapping, -1, AssignmentEngine.DEFAULT_LOOKAHEAD);
        this.tracker = CompletionTracker.of(mapping);
        this.startedNanos = nowNanos;
        this.lastCompletionNanos = nowNanos;
        sample(nowNanos);
    }

    /**
     * Makes a registered worker known before its Ready arrives, so the "all" cells of the first events
     * wait for it instead of being published to whichever worker was ready first.
     */
    public void register(String worker, Collection<String> tags) {
        engine.addWorker(worker, tagSet(tags));
    }

    /**
     * Applies one report.
     *
     * @throws ControlMessageException when the report is unusable (it is then not applied at all)
     */
    public void apply(Report report, long nowNanos) {
        switch (report) {
            case Report.Ready ready -> ready(ready);
            case Report.Done done -> done(done, nowNanos);
            case Report.Reduced reduced -> reduced(reduced);
            case Report.Finished finished -> {
                if (finished.source() == null || finished.name() == null) {
                    throw new ControlMessageException("finished report without source or name");
                }
                finishedBy.add(finished.source() + ":" + finished.name());
            }
        }
    }

    private void ready(Report.Ready ready) {
        if (ready.worker() == null || ready.worker().isEmpty()) {
            throw new ControlMessageException("ready report without worker name");
        }
        if (ready.credit() < 1) {
            throw new ControlMessageException("ready report of worker '" + ready.worker() + "' with credit "
                    + ready.credit() + " (must be at least 1)");
        }
        engine.addWorker(ready.worker(), tagSet(ready.tags()));
        credits.put(ready.worker(), ready.credit());
    }

    private void done(Report.Done done, long nowNanos) {
        String worker = done.worker();
        if (worker == null) {
            throw new ControlMessageException("done report without worker name");
        }
        List<Long> completed = done.completed();
        List<Boolean> hasResult = done.hasResult();
        long before = tracker.completedCount();
        Long last = null;
        for (int i = 0, n = completed.size(); i < n; i++) {
            Long event = completed.get(i);
            if (event == null) {
                continue;
            }
            tracker.workerCompleted(worker, event, Boolean.TRUE.equals(hasResult.get(i)));
            accept(engine.completed(worker, event));
            last = event;
        }
        if (tracker.completedCount() != before) {
            lastCompletionNanos = nowNanos;
        }
        if (done.times() != null && last != null) {
            NavigableMap<Long, Report.WorkerTimes> records = timing.computeIfAbsent(worker, w -> new TreeMap<>());
            records.put(last, done.times());
            if (records.size() > MAX_TIMING_RECORDS) {
                records.pollFirstEntry();
            }
        }
    }

    private void reduced(Report.Reduced reduced) {
        reduced.results().forEach((worker, events) -> {
            if (worker != null && events != null) {
                for (Long event : events) {
                    if (event != null) {
                        tracker.reducerProcessed(worker, event);
                    }
                }
            }
        });
    }

    /** A worker's member key vanished: it is gone; whatever it held is not coming back. */
    void workerLeft(String worker) {
        credits.remove(worker);
        accept(engine.removeWorker(worker));
    }

    /** Workers the engine knows (registered at start or ready since). */
    Set<String> knownWorkers() {
        return engine.workers().keySet();
    }

    /**
     * Offers credit to every worker below its credit and returns everything that became publishable
     * since the last call, in event order, for one {@code XADD} on the scan's {@code assigned} stream.
     */
    public List<WorkAssignment> takePublishable() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var entry : credits.entrySet()) {
                // one unit of credit at a time while the worker holds less than its credit, see the class comment
                List<WorkAssignment> granted = engine.offerUnitsWhileBelow(entry.getKey(), entry.getValue());
                if (!granted.isEmpty()) {
                    accept(granted);
                    progress = true;
                }
            }
        }
        if (publishable.isEmpty()) {
            return List.of();
        }
        List<WorkAssignment> taken = List.copyOf(publishable);
        publishable.clear();
        return taken;
    }

    private void accept(List<WorkAssignment> assignments) {
        if (!assignments.isEmpty()) {
            tracker.assigned(assignments);
            publishable.addAll(assignments);
        }
    }

    /** {@code POST /api/v1/stop}: the scan counts as finished whatever is missing. */
    void stop() {
        tracker.stop();
    }

    /** Every event complete and every result reduced, or stopped. */
    public boolean isComplete() {
        return tracker.isFinished();
    }

    /**
     * The controller has sent {@code finished: true}; from now on it waits for Finished reports from these
     * ("kind:name"), see {@link #missingFinishers()}.
     */
    void finishAnnounced(Set<String> expected) {
        finishAnnounced = true;
        expectedFinishers = Set.copyOf(expected);
    }

    boolean isFinishAnnounced() {
        return finishAnnounced;
    }

    /** Workers that sent Ready, as "worker:name", the ones whose Finished is awaited. */
    Set<String> readyWorkers() {
        var names = new TreeSet<String>();
        credits.keySet().forEach(w -> names.add("worker:" + w));
        return names;
    }

    /** Expected components ("kind:name") that have not reported Finished yet. */
    Set<String> missingFinishers() {
        var missing = new TreeSet<>(expectedFinishers);
        missing.removeAll(finishedBy);
        return missing;
    }

    /** Everyone reported Finished (or the wait ended): {@code progress.finished} is now true. */
    void finalizeScan() {
        finalized = true;
    }

    boolean isFinalized() {
        return finalized;
    }

    /** Records the completed count for the event rate; cheap, call after every batch. */
    public void sample(long nowNanos) {
        if (sampleNewest >= 0 && nowNanos - sampleNanos[sampleNewest] < RATE_SAMPLE_NANOS) {
            return;
        }
        sampleNewest = (sampleNewest + 1) % RATE_SAMPLES;
        sampleNanos[sampleNewest] = nowNanos;
        sampleCounts[sampleNewest] = tracker.completedCount();
        sampleCount = Math.min(sampleCount + 1, RATE_SAMPLES);
    }

    /** Completed events per second over about the last second. */
    double eventsPerSecond(long nowNanos) {
        if (finalized || sampleCount == 0) {
            return 0.0;
        }
        // The newest sample at least a window old, or the oldest one there is.
        int chosen = -1;
        for (int i = 0; i < sampleCount; i++) {
            int index = Math.floorMod(sampleNewest - i, RATE_SAMPLES);
            chosen = index;
            if (nowNanos - sampleNanos[index] >= RATE_WINDOW_NANOS) {
                break;
            }
        }
        long elapsed = nowNanos - sampleNanos[chosen];
        if (elapsed <= 0) {
            return 0.0;
        }
        return (tracker.completedCount() - sampleCounts[chosen]) * 1e9 / elapsed;
    }

    long lastAssigned() {
        return engine.lastAssigned();
    }

    public long completedCount() {
        return tracker.completedCount();
    }

    long totalEvents() {
        return mapping.totalEvents();
    }

    MappingSequence mapping() {
        return mapping;
    }

    /** Nothing completed for {@link #STALL_NANOS} while events remain. */
    boolean isStalled(long nowNanos) {
        return !finalized && !finishAnnounced && tracker.completedCount() < mapping.totalEvents()
                && nowNanos - lastCompletionNanos >= STALL_NANOS;
    }

    /**
     * {@code GET /api/v1/progress}: upstream's four fields, then ours ({@code mapping_uuid},
     * {@code events_per_second}, {@code stalled}, {@code message}).
     */
    ObjectNode progress(String mappingUuid, long nowNanos) {
        ObjectNode node = JSON.objectNode();
        long completed = tracker.completedCount();
        long total = mapping.totalEvents();
        node.put("last_assigned", engine.lastAssigned());
        node.put("completed_events", completed);
        node.put("total_events", total);
        node.put("finished", finalized);
        node.put("mapping_uuid", mappingUuid);
        double rate = eventsPerSecond(nowNanos);
        node.put("events_per_second", Math.round(rate * 10) / 10.0);
        boolean stalled = isStalled(nowNanos);
        node.put("stalled", stalled);
        node.put("message", message(nowNanos, completed, total, rate, stalled));
        return node;
    }

    private String message(long nowNanos, long completed, long total, double rate, boolean stalled) {
        String done = completed + " of " + total + " events done";
        if (finalized) {
            if (tracker.isStopped() && completed < total) {
                return "stopped: " + done;
            }
            return "finished: " + done;
        }
        if (finishAnnounced) {
            Set<String> missing = missingFinishers();
            String why = tracker.isStopped() && completed < total ? "stop requested (" + done + ")" : "all events done";
            return missing.isEmpty() ? why + "; finishing"
                    : why + "; waiting for " + String.join(", ", missing).replace(':', ' ') + " to finish";
        }
        if (stalled) {
            long seconds = (nowNanos - lastCompletionNanos) / 1_000_000_000L;
            String hint;
            if (credits.isEmpty()) {
                hint = "no worker has reported ready for this scan; are workers running?";
            } else if (engine.lastAssigned() < total && engine.lastAssigned() == completed) {
                hint = "no further event can be assigned; do the workers' tags match the trigger map?";
            } else {
                hint = "is the detector sending?";
            }
            return "no event completed for " + seconds + " s: " + done + "; " + hint;
        }
        if (completed == 0 && credits.isEmpty()) {
            return "waiting for workers: " + done;
        }
        if (completed == total) {
            return "all events done; waiting for the reducer to reduce " + tracker.awaitingReduction().size()
                    + " result(s)";
        }
        return done + String.format(java.util.Locale.ROOT, " (%.0f events/s)", rate);
    }

    /**
     * {@code GET /api/v1/status}, upstream's shape. Per-event worker lists of completed events are not
     * kept (that would cost memory per event), so {@code work_completed} lists only the events in flight,
     * with the workers that reported them so far; our {@code waiting_for} adds who is still missing.
     */
    ObjectNode status() {
        ObjectNode node = JSON.objectNode();
        ObjectNode workCompleted = node.putObject("work_completed");
        ObjectNode waitingFor = JSON.objectNode();
        int shown = 0;
        for (var entry : tracker.waitingFor().entrySet()) {
            if (shown++ == 1000) {
                break;
            }
            ArrayNode missing = waitingFor.putArray(Long.toString(entry.getKey()));
            entry.getValue().forEach(missing::add);
            workCompleted.putArray(Long.toString(entry.getKey()));
        }
        node.put("last_assigned", engine.lastAssigned());
        ArrayNode assignment = node.putArray("assignment");
        engine.constraintOwners().values().forEach(table -> {
            ObjectNode owners = assignment.addObject();
            new TreeMap<>(table).forEach((constraint, worker) -> owners.put(Long.toString(constraint), worker));
        });
        ArrayNode completedEvents = node.putArray("completed_events");
        tracker.completedEvents().forEach(completedEvents::add);
        node.put("finished", finalized);
        ObjectNode times = node.putObject("processing_times");
        timing.forEach((worker, records) -> {
            ObjectNode perEvent = times.putObject(worker);
            records.forEach((event, t) -> perEvent.set(Long.toString(event), timesJson(t)));
        });
        node.set("waiting_for", waitingFor);
        return node;
    }

    /**
     * {@code GET /api/v1/load}: per worker, from the cumulative processing times of its Done reports.
     * Interval {@code k} covers the records whose event is at least (completed events − k): the newest
     * record minus the newest record before them. {@code scan} is the newest record itself.
     */
    ObjectNode load(List<Integer> intervals, boolean scan) {
        ObjectNode node = JSON.objectNode();
        long completed = tracker.completedCount();
        timing.forEach((worker, records) -> {
            ObjectNode workerNode = node.putObject(worker);
            workerNode.put("last_event", records.lastKey());
            ObjectNode perInterval = workerNode.putObject("intervals");
            Report.WorkerTimes newest = records.lastEntry().getValue();
            for (int k : intervals) {
                long from = completed - k;
                Report.WorkerTimes baseline = records.floorEntry(from - 1) == null ? null
                        : records.floorEntry(from - 1).getValue();
                boolean any = records.ceilingKey(from) != null;
                perInterval.set(Integer.toString(k), any ? loadJson(newest, baseline) : loadJson(null, null));
            }
            if (scan) {
                perInterval.set("scan", loadJson(newest, null));
            }
        });
        return node;
    }

    private static ObjectNode loadJson(Report.WorkerTimes newest, Report.WorkerTimes baseline) {
        ObjectNode node = JSON.objectNode();
        if (newest == null) {
            node.put("total", 0.0);
            node.put("active", 0.0);
            node.put("events", 0);
            return node;
        }
        double active = active(newest) - (baseline == null ? 0 : active(baseline));
        double total = total(newest) - (baseline == null ? 0 : total(baseline));
        node.put("total", total);
        node.put("active", active);
        node.put("events", newest.noEvents() - (baseline == null ? 0 : baseline.noEvents()));
        return node;
    }

    private static double active(Report.WorkerTimes t) {
        return t.assembleEvent() + t.customCode() + t.sendResult();
    }

    private static double total(Report.WorkerTimes t) {
        return t.getAssignments() + t.getMessages() + active(t);
    }

    private static ObjectNode timesJson(Report.WorkerTimes t) {
        ObjectNode node = JSON.objectNode();
        node.put("get_assignments", t.getAssignments());
        node.put("get_messages", t.getMessages());
        node.put("assemble_event", t.assembleEvent());
        node.put("custom_code", t.customCode());
        node.put("send_result", t.sendResult());
        node.put("no_events", t.noEvents());
        return node;
    }

    private static Set<String> tagSet(Collection<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return Set.of(VirtualWorker.GENERIC);
        }
        var set = new HashSet<String>();
        for (String tag : tags) {
            if (tag != null) {
                set.add(tag);
            }
        }
        return set;
    }

    long startedNanos() {
        return startedNanos;
    }
}
