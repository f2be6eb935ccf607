package io.jdranspose.controller.triggermap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Drives an {@link AssignmentEngine} the way a distributed controller would: workers process their
 * assigned events in order, report each completion, and offer random credit; an idle worker without
 * credit asks again (upstream's IDLE update). Records what was published and who was registered then.
 */
final class SimulatedWorkers {

    /** A published assignment with the workers (and tags) registered when it was published. */
    record Publication(WorkAssignment assignment, Map<String, Set<String>> registered) {
    }

    private final AssignmentEngine engine;
    private final Random random;
    private final int maxCredit;
    private final Map<String, Deque<Long>> queues = new LinkedHashMap<>();
    private final List<Publication> published = new ArrayList<>();
    private final CompletionTracker tracker;

    SimulatedWorkers(AssignmentEngine engine, Random random, int maxCredit) {
        this.engine = engine;
        this.random = random;
        this.maxCredit = maxCredit;
        this.tracker = CompletionTracker.of(engine.mapping());
    }

    /** Registers a worker and sends its READY (an offer of random credit). */
    void join(String name, Set<String> tags) {
        register(name, tags);
        ready(name);
    }

    /** Registers a worker without offering credit yet (it is known to the controller, READY not handled yet). */
    void register(String name, Set<String> tags) {
        engine.addWorker(name, tags);
        queues.put(name, new ArrayDeque<>());
    }

    /** The worker dies: it is removed from the engine and never reports its remaining events. */
    void leave(String name) {
        queues.remove(name);
        record(engine.removeWorker(name));
    }

    /** The worker's READY: an offer of random credit. */
    void ready(String name) {
        record(engine.offer(name, credit()));
    }

    List<Publication> published() {
        return published;
    }

    List<WorkAssignment> assignments() {
        return published.stream().map(Publication::assignment).toList();
    }

    CompletionTracker tracker() {
        return tracker;
    }

    /**
     * One step: a random worker with work completes its oldest event (and maybe offers credit); if nobody
     * has work, every idle worker without credit offers some.
     *
     * @return false when nothing can happen any more (finished, or stuck)
     */
    boolean step() {
        var busy = queues.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (!busy.isEmpty()) {
            String worker = busy.get(random.nextInt(busy.size()));
            long event = queues.get(worker).poll();
            tracker.workerCompleted(worker, event, true);
            tracker.reducerProcessed(worker, event);
            record(engine.completed(worker, event));
            if (random.nextInt(10) < 7) {
                record(engine.offer(worker, credit()));
            }
            return true;
        }
        boolean offered = false;
        for (String worker : queues.keySet()) {
            if (engine.credit(worker) == 0) {
                record(engine.offer(worker, credit()));
                offered = true;
            }
        }
        return offered;
    }

    /** Steps until nothing can happen; returns the number of steps taken. */
    int runToEnd(int maxSteps) {
        int steps = 0;
        while (steps < maxSteps && step()) {
            steps++;
        }
        return steps;
    }

    private int credit() {
        return 1 + random.nextInt(maxCredit);
    }

    private void record(List<WorkAssignment> assignments) {
        Map<String, Set<String>> registered = Map.copyOf(engine.workers());
        for (WorkAssignment assignment : assignments) {
            published.add(new Publication(assignment, registered));
            tracker.assigned(assignment);
            for (String worker : assignment.workers()) {
                Deque<Long> queue = queues.get(worker);
                if (queue != null) { // null: a departed worker that kept a constraint
                    queue.add(assignment.eventNumber());
                }
            }
        }
    }
}
