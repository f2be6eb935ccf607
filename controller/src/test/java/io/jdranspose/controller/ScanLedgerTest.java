package io.jdranspose.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.controller.triggermap.TriggerMap;
import io.jdranspose.controller.triggermap.TriggerMapJson;
import io.jdranspose.controller.triggermap.WorkAssignment;
import io.jdranspose.runtime.control.ControlMessageException;
import io.jdranspose.runtime.control.Report;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scan bookkeeping alone: credit, completion, progress words, load, and its speed. */
class ScanLedgerTest {
    private static final long SECOND = 1_000_000_000L;

    private static MappingSequence uniform(int events) {
        return MappingSequence.single(TriggerMap.uniform(List.of("eiger"), events), true);
    }

    private static Report.Done done(String worker, long... events) {
        List<Long> completed = new ArrayList<>();
        for (long e : events) {
            completed.add(e);
        }
        return new Report.Done(worker, completed, Collections.nCopies(events.length, false), null);
    }

    @Test
    void creditLimitsWhatAWorkerHolds() {
        var ledger = new ScanLedger(uniform(20), 0);
        ledger.apply(new Report.Ready("w1", List.of("generic"), 3), 0);
        assertThat(ledger.takePublishable()).extracting(WorkAssignment::eventNumber).containsExactly(0L, 1L, 2L);
        assertThat(ledger.takePublishable()).isEmpty();
        ledger.apply(done("w1", 0, 1), 0);
        assertThat(ledger.takePublishable()).extracting(WorkAssignment::eventNumber).containsExactly(3L, 4L);
        assertThat(ledger.lastAssigned()).isEqualTo(5);
        assertThat(ledger.completedCount()).isEqualTo(2);
    }

    @Test
    void startEventWaitsForEveryRegisteredWorker() {
        var ledger = new ScanLedger(uniform(4), 0);
        ledger.register("w1", List.of("generic"));
        ledger.register("w2", List.of());
        ledger.apply(new Report.Ready("w1", List.of("generic"), 2), 0);
        assertThat(ledger.takePublishable()).isEmpty(); // event 0 goes to every registered worker
        ledger.apply(new Report.Ready("w2", List.of("generic"), 2), 0);
        List<WorkAssignment> published = ledger.takePublishable();
        assertThat(published.get(0).streams()).isEqualTo(Map.of("eiger", List.of("w1", "w2")));
        // a registered worker that leaves no longer holds anything up
        var other = new ScanLedger(uniform(4), 0);
        other.register("w1", List.of("generic"));
        other.register("ghost", List.of("generic"));
        other.apply(new Report.Ready("w1", List.of("generic"), 2), 0);
        assertThat(other.takePublishable()).isEmpty();
        other.workerLeft("ghost");
        assertThat(other.takePublishable()).extracting(WorkAssignment::eventNumber).containsExactly(0L, 1L);
    }

    @Test
    void unusableReportsAreRefusedWithoutEffect() {
        var ledger = new ScanLedger(uniform(2), 0);
        assertThatThrownBy(() -> ledger.apply(new Report.Ready("w1", List.of(), 0), 0))
                .isInstanceOf(ControlMessageException.class).hasMessageContaining("credit 0");
        assertThatThrownBy(() -> ledger.apply(new Report.Ready(null, List.of(), 1), 0))
                .isInstanceOf(ControlMessageException.class);
        assertThatThrownBy(() -> ledger.apply(new Report.Finished(null, "x"), 0))
                .isInstanceOf(ControlMessageException.class);
        assertThat(ledger.knownWorkers()).isEmpty();
        // reports about events outside the scan or not assigned are ignored
        ledger.apply(done("w7", 99, 0), 0);
        assertThat(ledger.completedCount()).isZero();
    }

    @Test
    void finishedOnlyWhenEveryResultIsReduced() {
        var ledger = new ScanLedger(uniform(1), 0);
        ledger.apply(new Report.Ready("w1", List.of("generic"), 8), 0);
        ledger.takePublishable();
        ledger.apply(new Report.Done("w1", List.of(0L, 1L, 2L), List.of(false, true, false), null), 0);
        assertThat(ledger.completedCount()).isEqualTo(3);
        assertThat(ledger.isComplete()).isFalse();
        assertThat(ledger.progress("u", 0).path("message").asText())
                .isEqualTo("all events done; waiting for the reducer to reduce 1 result(s)");
        ledger.apply(new Report.Reduced(Map.of("w1", List.of(1L))), 0);
        assertThat(ledger.isComplete()).isTrue();
    }

    @Test
    void progressTellsWhyAScanStalls() {
        var ledger = new ScanLedger(uniform(30), 0);
        JsonNode waiting = ledger.progress("u", 6 * SECOND);
        assertThat(waiting.path("stalled").asBoolean()).isTrue();
        assertThat(waiting.path("message").asText()).isEqualTo(
                "no event completed for 6 s: 0 of 32 events done; no worker has reported ready for this scan; are workers running?");

        ledger.apply(new Report.Ready("w1", List.of("generic"), 32), SECOND);
        ledger.takePublishable();
        long[] first = new long[22];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        ledger.apply(done("w1", first), 2 * SECOND);
        assertThat(ledger.progress("u", 6 * SECOND).path("stalled").asBoolean()).isFalse();
        JsonNode stalled = ledger.progress("u", 14 * SECOND);
        assertThat(stalled.path("stalled").asBoolean()).isTrue();
        assertThat(stalled.path("completed_events").asLong()).isEqualTo(22);
        assertThat(stalled.path("message").asText())
                .isEqualTo("no event completed for 12 s: 22 of 32 events done; is the detector sending?");
        assertThat(stalled.path("mapping_uuid").asText()).isEqualTo("u");
    }

    @Test
    void eventRateIsOverTheLastSecond() {
        var ledger = new ScanLedger(uniform(10_000), 0);
        ledger.apply(new Report.Ready("w1", List.of("generic"), 10_000), 0);
        ledger.takePublishable();
        long event = 0;
        // 500 events per 100 ms = 5000 events/s
        for (long t = 100_000_000L; t <= 2 * SECOND; t += 100_000_000L) {
            long[] batch = new long[500];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = event++;
            }
            ledger.apply(done("w1", batch), t);
            ledger.sample(t);
        }
        assertThat(ledger.eventsPerSecond(2 * SECOND)).isEqualTo(5000.0);
        assertThat(ledger.progress("u", 2 * SECOND).path("message").asText())
                .isEqualTo("10000 of 10002 events done (5000 events/s)");
    }

    @Test
    void loadIsComputedFromCumulativeTimes() {
        var ledger = new ScanLedger(uniform(10), 0);
        ledger.apply(new Report.Ready("w1", List.of("generic"), 12), 0);
        ledger.takePublishable();
        for (int e = 0; e < 12; e++) {
            // per event: 0.1 s waiting for messages, 0.3 s in the plugin
            var times = new Report.WorkerTimes(0, 0.1 * (e + 1), 0, 0.3 * (e + 1), 0, e + 1);
            ledger.apply(new Report.Done("w1", List.of((long) e), List.of(false), times), 0);
        }
        JsonNode load = ledger.load(List.of(1, 4), true).path("w1");
        assertThat(load.path("last_event").asLong()).isEqualTo(11);
        assertThat(load.path("intervals").path("scan").path("events").asLong()).isEqualTo(12);
        assertThat(load.path("intervals").path("scan").path("active").asDouble()).isCloseTo(3.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(load.path("intervals").path("scan").path("total").asDouble()).isCloseTo(4.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(load.path("intervals").path("4").path("events").asLong()).isEqualTo(4);
        assertThat(load.path("intervals").path("4").path("active").asDouble()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(load.path("intervals").path("1").path("events").asLong()).isEqualTo(1);
        assertThat(new ScanLedger(uniform(1), 0).load(List.of(1, 10), true).isEmpty()).isTrue();
    }

    @Test
    void statusListsEventsInFlightAndConstraintOwners() {
        MappingSequence mapping = TriggerMapJson.parseMapping(
                "{\"eiger\": [[{\"constraint\": 7}], [{\"constraint\": 7}], [{\"constraint\": 8}]]}", true);
        var ledger = new ScanLedger(mapping, 0);
        ledger.apply(new Report.Ready("w1", List.of("generic"), 2), 0);
        ledger.takePublishable();
        JsonNode status = ledger.status();
        assertThat(status.path("last_assigned").asLong()).isEqualTo(3);
        assertThat(status.path("waiting_for").path("0").toString()).isEqualTo("[\"w1\"]");
        assertThat(status.path("assignment").toString()).contains("\"7\":\"w1\"");
        assertThat(status.path("finished").asBoolean()).isFalse();
    }

    /**
     * The controller's loop must keep up with 50,000 completed events/s (docs: batches of 64 events per
     * Done report). This drives the ledger alone, as ScanRun does per batch of reports, with 4 workers
     * of credit 256 and a 200,000-event map, and requires that rate per CPU second of the thread (it does
     * several times more), so a per-event cost that grows with the scan, or a slow path per event, fails.
     */
    @Test
    void keepsUpWithFiftyThousandEventsPerSecond() {
        int events = 200_000;
        run(uniform(20_000), 4, 256); // warm up the JIT
        run(uniform(20_000), 4, 256);
        // CPU time of this thread, not wall time: the machine may be shared with other builds
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long completed = run(uniform(events), 4, 256);
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        assertThat(completed).isEqualTo(events + 2);
        double rate = completed / seconds;
        System.out.printf("ScanLedger: %.0f completed events per CPU second%n", rate);
        assertThat(rate).as("events/s (%.0f)", rate).isGreaterThan(50_000);
    }

    private static long run(MappingSequence mapping, int workers, int credit) {
        var ledger = new ScanLedger(mapping, 0);
        Map<String, ArrayDeque<Long>> queues = new HashMap<>();
        for (int w = 0; w < workers; w++) {
            ledger.register("w" + w, Set.of("generic"));
        }
        List<Report> batch = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            batch.add(new Report.Ready("w" + w, List.of("generic"), credit));
            queues.put("w" + w, new ArrayDeque<>());
        }
        while (!ledger.isComplete()) {
            for (Report report : batch) {
                ledger.apply(report, 0);
            }
            batch.clear();
            for (WorkAssignment assignment : ledger.takePublishable()) {
                for (String worker : assignment.workers()) {
                    queues.get(worker).add(assignment.eventNumber());
                }
            }
            // each worker reports up to 64 completions in one Done, as workers batch them
            for (var entry : queues.entrySet()) {
                ArrayDeque<Long> queue = entry.getValue();
                if (queue.isEmpty()) {
                    continue;
                }
                int n = Math.min(64, queue.size());
                List<Long> completed = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    completed.add(queue.poll());
                }
                batch.add(new Report.Done(entry.getKey(), completed, Collections.nCopies(n, false), null));
            }
        }
        return ledger.completedCount();
    }
}
