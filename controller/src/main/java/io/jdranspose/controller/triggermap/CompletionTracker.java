package io.jdranspose.controller.triggermap;

import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * Which events of a scan are done, and whether the scan may finish (upstream's completion tracking,
 * {@code reference/dranspose.md} §1.7). Pure bookkeeping: no I/O, no threads, not thread-safe.
 *
 * <ul>
 *   <li>An event is <em>complete</em> when every worker it was assigned to has reported it; an event
 *       assigned to nobody is complete as soon as it is assigned.</li>
 *   <li>A report with a result adds the pair (event, worker) to the results awaiting reduction, unless the
 *       reducer already reported that pair: reducer reports may overtake worker reports.</li>
 *   <li>The scan is {@linkplain #isFinished() finished} when all events are complete and no result awaits
 *       reduction, or when it was {@linkplain #stop() stopped}.</li>
 * </ul>
 * Reports may arrive before the assignment they belong to is recorded (different channels); they are
 * kept and counted once the assignment arrives. State is dropped for complete events, so memory is
 * proportional to the events in flight plus one bit per event; the usual event, assigned to one worker,
 * costs no allocation (see {@link EventWorkers}).
 */
public final class CompletionTracker {

    /** One result a worker produced for an event, not yet reduced. */
    public record PendingResult(long event, String worker) {
    }

    private final long totalEvents;
    private final BitSet complete;
    private long completedCount;
    /** Assigned, not yet complete events: workers that still have to report. */
    private final EventWorkers waitingFor = new EventWorkers();
    /** Reports for events whose assignment is not recorded yet. */
    private final EventWorkers earlyReports = new EventWorkers();
    /** Results reported by workers, not yet by the reducer. */
    private final EventWorkers toReduce = new EventWorkers();
    private final EventWorkers reducedBeforeReported = new EventWorkers();
    private boolean stopped;

    public CompletionTracker(long totalEvents) {
        if (totalEvents < 0 || totalEvents > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("total events must be in 0.." + Integer.MAX_VALUE + ", got " + totalEvents);
        }
        this.totalEvents = totalEvents;
        this.complete = new BitSet((int) totalEvents);
    }

    /** A tracker for every event of a mapping. */
    public static CompletionTracker of(MappingSequence mapping) {
        return new CompletionTracker(mapping.totalEvents());
    }

    /** Records published assignments, e.g. everything one {@link AssignmentEngine} call returned. */
    public void assigned(Collection<WorkAssignment> assignments) {
        assignments.forEach(this::assigned);
    }

    /** Records one published assignment; an assignment to nobody completes its event at once. */
    public void assigned(WorkAssignment assignment) {
        long event = checkedEvent(assignment.eventNumber());
        if (isComplete(event) || waitingFor.hasEvent(event)) {
            throw new IllegalStateException("event " + event + " was already assigned");
        }
        Set<String> reported = earlyReports.removeEvent(event);
        boolean waiting = false;
        List<String> workers = assignment.workerList();
        for (int i = 0, n = workers.size(); i < n; i++) {
            String worker = workers.get(i);
            if (!reported.contains(worker)) {
                waitingFor.add(event, worker);
                waiting = true;
            }
        }
        if (!waiting) {
            markComplete(event);
        }
    }

    /**
     * A worker reports that it processed an event.
     *
     * @param worker    the worker's name, not null
     * @param hasResult whether it sent a result to the reducer for this event
     * @return whether this report completed the event; reports for events outside the scan are ignored
     */
    public boolean workerCompleted(String worker, long event, boolean hasResult) {
        if (event < 0 || event >= totalEvents) {
            return false;
        }
        if (hasResult && !reducedBeforeReported.remove(event, worker)) {
            toReduce.add(event, worker);
        }
        if (isComplete(event)) {
            return false;
        }
        if (!waitingFor.hasEvent(event)) {
            earlyReports.add(event, worker);
            return false;
        }
        waitingFor.remove(event, worker);
        if (waitingFor.hasEvent(event)) {
            return false;
        }
        markComplete(event);
        return true;
    }

    /** The reducer reports that it reduced the result a worker (not null) produced for an event. */
    public void reducerProcessed(String worker, long event) {
        if (!toReduce.remove(event, worker)) {
            reducedBeforeReported.add(event, worker);
        }
    }

    /** {@code POST /api/v1/stop}: the scan counts as finished whatever is still missing. */
    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }

    public boolean isComplete(long event) {
        return event >= 0 && event < totalEvents && complete.get((int) event);
    }

    /** Number of complete events ({@code completed_events} of {@code GET /api/v1/progress}). */
    public long completedCount() {
        return completedCount;
    }

    /** The complete events in ascending order ({@code completed_events} of {@code GET /api/v1/status}). */
    public LongStream completedEvents() {
        return complete.stream().asLongStream();
    }

    public long totalEvents() {
        return totalEvents;
    }

    /** For each assigned, incomplete event, the workers that still have to report it. */
    public Map<Long, Set<String>> waitingFor() {
        var sorted = new TreeMap<Long, SortedSet<String>>();
        waitingFor.forEach((event, worker) -> sorted.computeIfAbsent(event, e -> new TreeSet<>()).add(worker));
        var copy = new TreeMap<Long, Set<String>>();
        sorted.forEach((event, workers) -> copy.put(event, Collections.unmodifiableSet(workers)));
        return Collections.unmodifiableMap(copy);
    }

    /** Results reported by workers that the reducer has not reported yet. */
    public Set<PendingResult> awaitingReduction() {
        var results = new HashSet<PendingResult>();
        toReduce.forEach((event, worker) -> results.add(new PendingResult(event, worker)));
        return Set.copyOf(results);
    }

    /** Every event complete and every result reduced, or stopped: time to send {@code finished: true}. */
    public boolean isFinished() {
        return stopped || (completedCount == totalEvents && toReduce.isEmpty());
    }

    private void markComplete(long event) {
        complete.set((int) event);
        completedCount++;
    }

    private long checkedEvent(long event) {
        if (event < 0 || event >= totalEvents) {
            throw new IllegalArgumentException("event " + event + " is outside 0.." + (totalEvents - 1));
        }
        return event;
    }
}
