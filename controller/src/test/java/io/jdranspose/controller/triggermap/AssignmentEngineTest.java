package io.jdranspose.controller.triggermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignmentEngineTest {

    private static final Set<String> GENERIC = Set.of("generic");

    /** The example of reference §1.6, observed on upstream with workers w1 (generic) and w2 (generic+debug). */
    private static final String UPSTREAM_EXAMPLE = """
            {"parts": {"main": {"eiger": [[{"constraint": 0}], [{"constraint": 0}], [{"constraint": 0}],
                                          [{"constraint": 1}], [{"constraint": 1}], [{"constraint": 1}],
                                          [], null, [{"constraint": 9}, {"tags": ["debug"]}]]},
                       "tail": {"eiger": [[{"constraint": 0}]]}},
             "sequence": ["main", "tail"]}""";

    @Test
    void reproducesUpstreamsObservedExample() {
        var engine = new AssignmentEngine(TriggerMapJson.parseSequence(UPSTREAM_EXAMPLE, true));
        engine.addWorker("w1", GENERIC);
        engine.addWorker("w2", Set.of("generic", "debug"));
        var upstream = new UpstreamStyleWorkers(engine);

        // Upstream runs one assignment step per READY / IDLE message; credit 1 per message is that step.
        // Each IDLE follows the worker finishing everything it had, as upstream workers report.
        var batches = new ArrayList<List<WorkAssignment>>();
        batches.add(upstream.ready("w1"));
        batches.add(upstream.ready("w2"));
        batches.add(upstream.idle("w2"));
        batches.add(upstream.idle("w1"));
        batches.add(upstream.idle("w2"));
        batches.add(upstream.idle("w1"));
        batches.add(upstream.idle("w2"));
        batches.add(upstream.idle("w1"));

        // Upstream published [ev0→w1,w2], [ev1,2,3→w2], [ev4,5,6→w1, ev7→[], ev8→{}], [ev9→w2], [ev10→w1],
        // [ev11→w1,w2]. The grouping comes out the same; the two empty lists are the calls after which
        // upstream published nothing either (w1's READY joins event 0, w2's last IDLE joins event 11).
        assertThat(batches).containsExactly(
                List.of(),
                List.of(eiger(0, "w1", "w2")),
                List.of(eiger(1, "w2"), eiger(2, "w2"), eiger(3, "w2")),
                List.of(eiger(4, "w1"), eiger(5, "w1"), eiger(6, "w1"), eiger(7), new WorkAssignment(8, Map.of())),
                List.of(eiger(9, "w2")),
                List.of(eiger(10, "w1")),
                List.of(),
                List.of(eiger(11, "w1", "w2")));
        assertThat(engine.allAssigned()).isTrue();
        assertThat(engine.lastAssigned()).isEqualTo(12);
    }

    @Test
    void postedScanCoLocatesBothStreamsAndBroadcastsStartAndEnd() throws Exception {
        byte[] posted = Files.readAllBytes(SharedData.recordedByDranspose("scan-trigger-map-posted.json"));
        MappingSequence mapping = TriggerMapJson.parseSequence(posted, true);
        for (long seed = 0; seed < 50; seed++) {
            var workers = new SimulatedWorkers(new AssignmentEngine(mapping), new Random(seed), 4);
            // Both workers are registered before the scan starts, as in the recorded run.
            workers.register("w1", GENERIC);
            workers.register("w2", GENERIC);
            workers.ready(seed % 2 == 0 ? "w1" : "w2");
            workers.ready(seed % 2 == 0 ? "w2" : "w1");
            workers.runToEnd(10_000);

            List<WorkAssignment> assignments = workers.assignments();
            assertThat(assignments).as("seed %d", seed).hasSize(12);
            for (WorkAssignment a : assignments) {
                long e = a.eventNumber();
                assertThat(a.streams().keySet()).as("seed %d, event %d", seed, e).containsExactlyInAnyOrder("eiger", "orca");
                if (e == 0 || e == 11) {
                    assertThat(a.streams().values()).as("seed %d, event %d", seed, e).containsOnly(List.of("w1", "w2"));
                } else {
                    assertThat(a.streams().get("eiger")).as("seed %d, event %d", seed, e).hasSize(1).isEqualTo(a.streams().get("orca"));
                }
            }
            // A worker returning a result for every frame set it gets yields 14 results, as upstream's reducer saw.
            assertThat(assignments.stream().mapToInt(a -> a.workers().size()).sum()).as("seed %d", seed).isEqualTo(14);
            assertThat(workers.tracker().isFinished()).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void discardedFramesArePresentWithNoWorkerAndAbsentFramesAreLeftOut() {
        var engine = engineFor("{\"test\": [[], null, [{\"constraint\": 0}]]}", false);
        engine.addWorker("w1", GENERIC);

        assertThat(engine.offer("w1", 1)).containsExactly(
                new WorkAssignment(0, Map.of("test", List.of())),
                new WorkAssignment(1, Map.of()),
                new WorkAssignment(2, Map.of("test", List.of("w1"))));
        assertThat(new WorkAssignment(0, Map.of("test", List.of())).hasNoWorkers()).isTrue();
    }

    @Test
    void anAllCellWaitsForEveryRegisteredMatchingWorker() {
        var engine = engineFor("{\"eiger\": [[{}], [{}]]}", false);
        engine.addWorker("w1", GENERIC);
        engine.addWorker("w2", GENERIC);
        engine.addWorker("dbg", Set.of("debug"));

        assertThat(engine.offer("w1", 1)).isEmpty();
        assertThat(engine.offer("w2", 1)).containsExactly(eiger(0, "w1", "w2"));
        // A worker registering now is needed by the next event, which waits until it joins.
        engine.addWorker("w3", Set.of("generic", "gpu"));
        assertThat(engine.offer("w1", 1)).isEmpty();
        assertThat(engine.offer("w2", 1)).isEmpty();
        assertThat(engine.offer("w3", 1)).containsExactly(eiger(1, "w1", "w2", "w3"));
    }

    @Test
    void aWorkerJoinsTheAllCellsOfOneEventPerCreditUnit() {
        var engine = engineFor("{\"eiger\": [[{}], [{}], [{}]]}", false);
        engine.addWorker("w1", GENERIC);

        assertThat(engine.offer("w1", 1)).containsExactly(eiger(0, "w1"));
        assertThat(engine.offer("w1", 2)).containsExactly(eiger(1, "w1"), eiger(2, "w1"));
    }

    @Test
    void severalVirtualWorkersInACellReachTheUnionOfTheirWorkers() {
        var engine = engineFor("""
                {"low":  [[{"constraint": 1}, {"constraint": 2}, {"tags": ["debug"]}]],
                 "fast": [[{"constraint": 1}]]}""", false);
        engine.addWorker("a", GENERIC);
        engine.addWorker("b", GENERIC);
        engine.addWorker("dbg", Set.of("debug"));

        assertThat(engine.offer("a", 1)).isEmpty();
        assertThat(engine.offer("b", 1)).isEmpty();
        assertThat(engine.offer("dbg", 1)).containsExactly(new WorkAssignment(0, streams(
                "low", List.of("a", "b", "dbg"),
                "fast", List.of("a"))));
    }

    @Test
    void oneWorkerTakesTwoConstraintsOfAnEventWithTwoCalls() {
        var engine = engineFor("{\"low\": [[{\"constraint\": 1}, {\"constraint\": 2}]]}", false);
        engine.addWorker("a", GENERIC);

        assertThat(engine.offer("a", 1)).isEmpty();
        assertThat(engine.offer("a", 1)).containsExactly(new WorkAssignment(0, Map.of("low", List.of("a"))));
    }

    @Test
    void virtualWorkerTagsMustAllBeAmongTheWorkersTags() {
        var engine = engineFor("{\"eiger\": [[{\"tags\": [\"generic\", \"gpu\"], \"constraint\": 0}]]}", false);
        engine.addWorker("cpu", GENERIC);
        engine.addWorker("gpu", Set.of("generic", "gpu"));

        assertThat(engine.offer("cpu", 5)).isEmpty();
        assertThat(engine.credit("cpu")).isEqualTo(5);
        assertThat(engine.offer("gpu", 1)).containsExactly(eiger(0, "gpu"));
    }

    @Test
    void constraintsAreScopedToOnePartInstance() {
        var engine = new AssignmentEngine(TriggerMapJson.parseSequence(
                "{\"parts\": {\"main\": {\"eiger\": [[{\"constraint\": 0}], [{\"constraint\": 0}]]}}, \"sequence\": [\"main\", \"main\"]}",
                false));
        engine.addWorker("w1", GENERIC);
        engine.addWorker("w2", GENERIC);

        assertThat(engine.offer("w1", 1)).containsExactly(eiger(0, "w1"), eiger(1, "w1"));
        assertThat(engine.offer("w2", 1)).containsExactly(eiger(2, "w2"), eiger(3, "w2"));
    }

    @Test
    void creditClaimsThatManyConstraintsAtOnce() {
        // Without back-pressure: nothing is reported here, so w1 would be held back after the first batch.
        var engine = new AssignmentEngine(MappingSequence.single(TriggerMap.batched(List.of("eiger"), 10, 2), false), -1, 100);
        engine.addWorker("w1", GENERIC);

        assertThat(engine.offer("w1", 3)).extracting(WorkAssignment::eventNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(engine.credit("w1")).isZero();
        assertThat(engine.offer("w1", 10)).extracting(WorkAssignment::eventNumber).containsExactly(6L, 7L, 8L, 9L);
        assertThat(engine.credit("w1")).isEqualTo(8);
    }

    @Test
    void unitsAreOfferedOneAtATimeWhileTheWorkerHoldsLessThanTheLimit() {
        var engine = new AssignmentEngine(MappingSequence.single(TriggerMap.batched(List.of("eiger"), 10, 2), true), -1, 100);
        engine.addWorker("w1", GENERIC);
        engine.addWorker("w2", GENERIC);

        // the first unit joins event 0, which waits for w2: a unit that publishes nothing ends the offers
        assertThat(engine.offerUnitsWhileBelow("w1", 3)).isEmpty();
        assertThat(engine.credit("w1")).isZero();
        // w2's units: the first publishes event 0 (now joined by both), the second claims a batch
        assertThat(engine.offerUnitsWhileBelow("w2", 3)).extracting(WorkAssignment::eventNumber).containsExactly(0L, 1L, 2L);
        assertThat(engine.outstanding("w2")).isEqualTo(3);
        assertThat(engine.offerUnitsWhileBelow("w2", 3)).isEmpty();
        assertThat(engine.offerUnitsWhileBelow("w1", 3)).extracting(WorkAssignment::eventNumber).containsExactly(3L, 4L);
        engine.completed("w2", 0);
        // holding 2 of 3, w2 gets one more unit, and that grant publishes its whole batch
        assertThat(engine.offerUnitsWhileBelow("w2", 3)).extracting(WorkAssignment::eventNumber).containsExactly(5L, 6L);
        assertThat(engine.outstanding("w2")).isEqualTo(4);
    }

    @Test
    void aWorkerFarBehindTheFrontierGetsNothingUntilItCatchesUp() {
        var engine = new AssignmentEngine(MappingSequence.single(TriggerMap.uniform(List.of("eiger"), 20), false));
        engine.addWorker("slow", GENERIC);
        engine.addWorker("fast", GENERIC);
        assertThat(engine.offer("slow", 1)).containsExactly(eiger(0, "slow"));
        assertThat(engine.offer("fast", 10)).hasSize(10);

        // Event 0 is more than 5 events behind the frontier (11): back-pressure.
        assertThat(engine.offer("slow", 1)).isEmpty();
        assertThat(engine.credit("slow")).isEqualTo(1);
        // Its kept credit is used as soon as the report lifts the back-pressure.
        assertThat(engine.completed("slow", 0)).containsExactly(eiger(11, "slow"));
        assertThat(engine.credit("slow")).isZero();
    }

    @Test
    void backPressureCanBeSwitchedOff() {
        var engine = new AssignmentEngine(MappingSequence.single(TriggerMap.uniform(List.of("eiger"), 20), false), -1, 100);
        engine.addWorker("slow", GENERIC);
        engine.addWorker("fast", GENERIC);
        engine.offer("slow", 1);
        engine.offer("fast", 10);

        assertThat(engine.offer("slow", 1)).containsExactly(eiger(11, "slow"));
    }

    @Test
    void aWorkerWithNothingInTheLookAheadIsServedWhenItsPartComesIntoReach() {
        var engine = new AssignmentEngine(TriggerMapJson.parseSequence("""
                {"parts": {"a": {"eiger": [[{"constraint": 0}], [{"constraint": 1}], [{"constraint": 2}],
                                           [{"constraint": 3}], [{"constraint": 4}], [{"constraint": 5}]]},
                           "b": {"eiger": [[{"tags": ["debug"], "constraint": 0}]]}},
                 "sequence": ["a", "b"]}""", false), AssignmentEngine.DEFAULT_HORIZON, 3);
        engine.addWorker("dbg", Set.of("debug"));
        engine.addWorker("gen", GENERIC);

        assertThat(engine.offer("dbg", 1)).isEmpty();
        assertThat(engine.credit("dbg")).isEqualTo(1);
        // gen's six claims move the frontier in steps of the 3-event window; then dbg's parked credit fires.
        List<WorkAssignment> published = engine.offer("gen", 6);
        assertThat(published).extracting(WorkAssignment::eventNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(published.get(6)).isEqualTo(eiger(6, "dbg"));
        assertThat(engine.credit("dbg")).isZero();
    }

    @Test
    void theFrontierDoesNotMoveWhileNoWorkerIsRegistered() {
        var engine = engineFor("{\"eiger\": [[{\"constraint\": 0}]]}", true);
        engine.addWorker("w1", GENERIC);
        engine.addWorker("w2", GENERIC);
        engine.offer("w1", 1);
        engine.removeWorker("w1");

        // Nobody matches event 0's "all" cell any more, but publishing it to nobody would lose the start message.
        assertThat(engine.removeWorker("w2")).isEmpty();
        engine.addWorker("w3", GENERIC);
        assertThat(engine.offer("w3", 1)).containsExactly(eiger(0, "w3"));
    }

    @Test
    void aDepartedWorkersUnpublishedClaimsGoToOthers() {
        var engine = engineFor("{\"eiger\": [[{\"constraint\": 0}]]}", true);
        engine.addWorker("w1", GENERIC);
        engine.addWorker("w2", GENERIC);
        assertThat(engine.offer("w1", 2)).isEmpty(); // joins event 0, claims constraint 0 of event 1
        assertThat(engine.constraintOwners()).containsEntry(1, Map.of(0L, "w1"));

        assertThat(engine.removeWorker("w1")).isEmpty(); // event 0 still waits for w2
        assertThat(engine.constraintOwners()).containsEntry(1, Map.of());
        assertThat(engine.offer("w2", 1)).containsExactly(eiger(0, "w2"));
        assertThat(engine.offer("w2", 1)).containsExactly(eiger(1, "w2"));
    }

    @Test
    void aDepartedWorkerKeepsConstraintsOfWhichFramesWerePublished() {
        var engine = new AssignmentEngine(TriggerMapJson.parseMapping(
                "{\"eiger\": [[{\"constraint\": 0}], [{\"constraint\": 5}], [{\"constraint\": 0}]]}", false));
        engine.addWorker("w1", GENERIC);
        engine.addWorker("w2", GENERIC);
        assertThat(engine.offer("w1", 1)).containsExactly(eiger(0, "w1"));
        assertThat(engine.removeWorker("w1")).isEmpty();
        // Constraint 0 already has a published frame, so event 2 still belongs to w1.
        assertThat(engine.offer("w2", 1)).containsExactly(eiger(1, "w2"), eiger(2, "w1"));
    }

    @Test
    void claimsAreReportedAsTheyHappen() {
        var claims = new ArrayList<AssignmentEngine.Claim>();
        var engine = new AssignmentEngine(TriggerMapJson.parseSequence(UPSTREAM_EXAMPLE, true), 5, 100, claims::add);
        engine.addWorker("w1", GENERIC);
        engine.offer("w1", 10);

        assertThat(claims).extracting(c -> c.instance().partName(), AssignmentEngine.Claim::constraint, AssignmentEngine.Claim::worker)
                .containsExactly(
                        tuple("main", 0L, "w1"),
                        tuple("main", 1L, "w1"),
                        tuple("main", 9L, "w1"),
                        tuple("tail", 0L, "w1"));
    }

    @Test
    void reportsFromStrangersAndForUnassignedEventsAreIgnored() {
        var engine = engineFor("{\"eiger\": [[{\"constraint\": 0}], [{\"constraint\": 1}]]}", false);
        engine.addWorker("w1", GENERIC);
        engine.offer("w1", 1);

        assertThat(engine.completed("nobody", 0)).isEmpty();
        assertThat(engine.completed("w1", 1)).isEmpty();
    }

    @Test
    void offersMustComeFromRegisteredWorkersWithPositiveCredit() {
        var engine = engineFor("{\"eiger\": [[{\"constraint\": 0}]]}", false);
        engine.addWorker("w1", GENERIC);

        assertThatThrownBy(() -> engine.offer("w9", 1)).isInstanceOf(IllegalArgumentException.class).hasMessage("unknown worker 'w9'");
        assertThatThrownBy(() -> engine.offer("w1", 0)).isInstanceOf(IllegalArgumentException.class).hasMessage("credit must be positive, got 0");
    }

    @Test
    void aTenThousandEventPartRunsQuickly() {
        var mapping = MappingSequence.single(TriggerMap.batched(List.of("eiger", "orca", "alba"), 10_000, 3), true);
        var workers = new SimulatedWorkers(new AssignmentEngine(mapping), new Random(7), 8);
        for (int i = 0; i < 4; i++) {
            workers.join("w" + i, GENERIC);
        }
        workers.runToEnd(1_000_000);

        assertThat(workers.assignments()).hasSize(10_002);
        assertThat(workers.tracker().isFinished()).isTrue();
        // i // 3 batching: the three events of a batch go to one worker.
        List<WorkAssignment> assignments = workers.assignments();
        for (int e = 1; e + 2 <= 10_000; e += 3) {
            assertThat(new HashSet<>(List.of(assignments.get(e).workers(), assignments.get(e + 1).workers(), assignments.get(e + 2).workers())))
                    .as("batch starting at event %d", e).hasSize(1);
        }
    }

    private static AssignmentEngine engineFor(String legacyMap, boolean allWrap) {
        return new AssignmentEngine(TriggerMapJson.parseMapping(legacyMap, allWrap));
    }

    private static WorkAssignment eiger(long event, String... workers) {
        return new WorkAssignment(event, Map.of("eiger", List.of(workers)));
    }

    private static Map<String, List<String>> streams(String s1, List<String> w1, String s2, List<String> w2) {
        var map = new LinkedHashMap<String, List<String>>();
        map.put(s1, w1);
        map.put(s2, w2);
        return map;
    }

    /** Workers that behave like upstream's: READY once, then IDLE after finishing all they were given. */
    private static final class UpstreamStyleWorkers {
        private final AssignmentEngine engine;
        private final Map<String, List<Long>> unfinished = new LinkedHashMap<>();

        UpstreamStyleWorkers(AssignmentEngine engine) {
            this.engine = engine;
        }

        List<WorkAssignment> ready(String worker) {
            return remember(engine.offer(worker, 1));
        }

        List<WorkAssignment> idle(String worker) {
            for (long event : unfinished.getOrDefault(worker, List.of())) {
                remember(engine.completed(worker, event));
            }
            unfinished.remove(worker);
            return remember(engine.offer(worker, 1));
        }

        private List<WorkAssignment> remember(List<WorkAssignment> published) {
            for (WorkAssignment a : published) {
                a.workers().forEach(w -> unfinished.computeIfAbsent(w, k -> new ArrayList<>()).add(a.eventNumber()));
            }
            return published;
        }
    }
}
