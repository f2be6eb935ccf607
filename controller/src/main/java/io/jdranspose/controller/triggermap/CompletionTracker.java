package io.jdranspose.controller.triggermap;

import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 * proportional to the events in flight plus one bit per event.
 */
public final class CompletionTracker {

    /** One result a worker produced for an event, not yet reduced. */
    public record PendingResult(long event, String worker) {
    }

    private final long totalEvents;
    private final BitSet complete;
    private long completedCount;
    /** Assigned, not yet complete events: workers that still have to report. */
    private final Map<Long, Set<String>> waitingFor = new HashMap<>();
    /** Reports for events whose assignment is not recorded yet. */
    private final Map<Long, Set<String>> earlyReports = new HashMap<>();
    private final Set<PendingResult> toReduce = new HashSet<>();
    private final Set<PendingResult> reducedBeforeReported = new HashSet<>();
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
        if (isComplete(event) || waitingFor.containsKey(event)) {
            throw new IllegalStateException("event " + event + " was already assigned");
        }
        var remaining = new HashSet<>(assignment.workers());
        Set<String> reported = earlyReports.remove(event);
        if (reported != null) {
            remaining.removeAll(reported);
        }
        if (remaining.isEmpty()) {
            markComplete(event);
        } else {
            waitingFor.put(event, remaining);
        }
    }

    /**
     * A worker reports that it processed an event.
     *
     * @param hasResult whether it sent a result to the reducer for this event
     * @return whether this report completed the event; reports for events outside the scan are ignored
     */
    public boolean workerCompleted(String worker, long event, boolean hasResult) {
        if (event < 0 || event >= totalEvents) {
            return false;
        }
        if (hasResult) {
            var result = new PendingResult(event, worker);
            if (!reducedBeforeReported.remove(result)) {
                toReduce.add(result);
            }
        }
        if (isComplete(event)) {
            return false;
        }
        Set<String> remaining = waitingFor.get(event);
        if (remaining == null) {
            earlyReports.computeIfAbsent(event, e -> new HashSet<>()).add(worker);
            return false;
        }
        remaining.remove(worker);
        if (!remaining.isEmpty()) {
            return false;
        }
        waitingFor.remove(event);
        markComplete(event);
        return true;
    }

    /** The reducer reports that it reduced the result a worker produced for an event. */
    public void reducerProcessed(String worker, long event) {
        var result = new PendingResult(event, worker);
        if (!toReduce.remove(result)) {
            reducedBeforeReported.add(result);
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
        var copy = new TreeMap<Long, Set<String>>();
        waitingFor.forEach((event, workers) -> copy.put(event, Collections.unmodifiableSet(new TreeSet<>(workers))));
        return Collections.unmodifiableMap(copy);
    }

    /** Results reported by workers that the reducer has not reported yet. */
    public Set<PendingResult> awaitingReduction() {
        return Set.copyOf(toReduce);
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
