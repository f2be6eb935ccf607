package io.jdranspose.controller.triggermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompletionTrackerTest {

    @Test
    void anEventIsCompleteOnceEveryAssignedWorkerReportedIt() {
        var tracker = new CompletionTracker(3);
        tracker.assigned(new WorkAssignment(0, Map.of("eiger", List.of("w1", "w2"), "orca", List.of("w3"))));

        assertThat(tracker.workerCompleted("w1", 0, false)).isFalse();
        assertThat(tracker.workerCompleted("w9", 0, false)).isFalse(); // not assigned: does not count
        assertThat(tracker.workerCompleted("w3", 0, false)).isFalse();
        assertThat(tracker.isComplete(0)).isFalse();
        assertThat(tracker.waitingFor()).isEqualTo(Map.of(0L, Set.of("w2")));
        assertThat(tracker.workerCompleted("w2", 0, false)).isTrue();
        assertThat(tracker.isComplete(0)).isTrue();
        assertThat(tracker.completedCount()).isEqualTo(1);
        assertThat(tracker.workerCompleted("w2", 0, false)).as("a repeated report").isFalse();
        assertThat(tracker.completedCount()).isEqualTo(1);
    }

    @Test
    void eventsAssignedToNobodyAreCompleteAtOnce() {
        var tracker = new CompletionTracker(2);
        tracker.assigned(List.of(new WorkAssignment(0, Map.of("eiger", List.of())), new WorkAssignment(1, Map.of())));

        assertThat(tracker.completedEvents()).containsExactly(0L, 1L);
        assertThat(tracker.isFinished()).isTrue();
    }

    @Test
    void reportsArrivingBeforeTheirAssignmentAreCounted() {
        var tracker = new CompletionTracker(1);
        tracker.workerCompleted("w1", 0, false);
        tracker.assigned(new WorkAssignment(0, Map.of("eiger", List.of("w1"))));

        assertThat(tracker.isComplete(0)).isTrue();
    }

    @Test
    void theScanFinishesOnlyWhenEveryResultIsReduced() {
        var tracker = new CompletionTracker(2);
        tracker.assigned(new WorkAssignment(0, Map.of("eiger", List.of("w1"))));
        tracker.assigned(new WorkAssignment(1, Map.of("eiger", List.of("w2"))));
        tracker.workerCompleted("w1", 0, true);
        tracker.workerCompleted("w2", 1, true);

        assertThat(tracker.completedCount()).isEqualTo(2);
        assertThat(tracker.awaitingReduction()).containsExactlyInAnyOrder(
                new CompletionTracker.PendingResult(0, "w1"), new CompletionTracker.PendingResult(1, "w2"));
        assertThat(tracker.isFinished()).isFalse();
        tracker.reducerProcessed("w1", 0);
        assertThat(tracker.isFinished()).isFalse();
        tracker.reducerProcessed("w2", 1);
        assertThat(tracker.isFinished()).isTrue();
    }

    @Test
    void aReducerReportMayOvertakeTheWorkerReport() {
        var tracker = new CompletionTracker(1);
        tracker.assigned(new WorkAssignment(0, Map.of("eiger", List.of("w1"))));
        tracker.reducerProcessed("w1", 0);
        tracker.workerCompleted("w1", 0, true);

        assertThat(tracker.awaitingReduction()).isEmpty();
        assertThat(tracker.isFinished()).isTrue();
    }

    @Test
    void eventsWithoutResultsNeedNoReduction() {
        var tracker = new CompletionTracker(1);
        tracker.assigned(new WorkAssignment(0, Map.of("eiger", List.of("w1"))));
        tracker.workerCompleted("w1", 0, false);

        assertThat(tracker.isFinished()).isTrue();
    }

    @Test
    void stopFinishesWhateverIsMissing() {
        var tracker = new CompletionTracker(10);
        assertThat(tracker.isFinished()).isFalse();

        tracker.stop();

        assertThat(tracker.isFinished()).isTrue();
        assertThat(tracker.isStopped()).isTrue();
        assertThat(tracker.completedCount()).isZero();
    }

    @Test
    void reportsOutsideTheScanAreIgnoredAndDoubleAssignmentsRefused() {
        var tracker = new CompletionTracker(1);
        assertThat(tracker.workerCompleted("w1", 5, true)).isFalse();
        assertThat(tracker.awaitingReduction()).isEmpty();

        tracker.assigned(new WorkAssignment(0, Map.of("eiger", List.of("w1"))));
        assertThatThrownBy(() -> tracker.assigned(new WorkAssignment(0, Map.of("eiger", List.of("w1")))))
                .isInstanceOf(IllegalStateException.class).hasMessage("event 0 was already assigned");
    }

    @Test
    void theRecordedScanEndsWithUpstreamsProgressAndFourteenResults() throws Exception {
        // Upstream reported {"last_assigned": 12, "completed_events": 12, "total_events": 12, "finished": true}
        // and its reducer received 14 results.
        var mapping = TriggerMapJson.parseSequence(
                Files.readAllBytes(SharedData.recordedByDranspose("scan-trigger-map-posted.json")), true);
        var engine = new AssignmentEngine(mapping);
        var workers = new SimulatedWorkers(engine, new Random(3), 2);
        workers.register("w1", Set.of("generic"));
        workers.register("w2", Set.of("generic"));
        workers.ready("w1");
        workers.ready("w2");
        workers.runToEnd(10_000);

        CompletionTracker tracker = workers.tracker();
        assertThat(engine.lastAssigned()).isEqualTo(12);
        assertThat(tracker.completedCount()).isEqualTo(12);
        assertThat(tracker.totalEvents()).isEqualTo(12);
        assertThat(tracker.isFinished()).isTrue();
        assertThat(workers.assignments().stream().mapToInt(a -> a.workers().size()).sum()).isEqualTo(14);
    }
}
