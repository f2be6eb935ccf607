package io.jdranspose.controller.triggermap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Random trigger maps, worker sets, credits, look-aheads and completion orders against the rules of
 * reference §1.6. Each case is reproducible from the seed printed in its failure message.
 */
class AssignmentPropertyTest {

    private static final long BASE_SEED = Long.getLong("jdranspose.propertySeed", 20_261_122L);
    private static final int CASES = Integer.getInteger("jdranspose.propertyCases", 500);
    private static final List<String> STREAMS = List.of("eiger", "orca", "alba", "pcap");
    private static final List<String> TAGS = List.of("generic", "debug", "gpu");

    @Test
    void randomScansAreAssignedCorrectlyAndAlwaysFinish() {
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            checkOneScan(seed);
        }
    }

    @Test
    void aWorkerLeavingMidScanNeverStopsTheAssignment() {
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + 1_000_000 + i;
            var random = new Random(seed);
            MappingSequence mapping = randomMapping(random);
            Map<String, Set<String>> initial = randomWorkers(random, mapping);
            String leaver = "w" + random.nextInt(initial.size());
            var remaining = new LinkedHashMap<>(initial);
            remaining.remove(leaver);
            if (!coversEveryVirtualWorker(remaining.values(), mapping)) {
                continue; // the scan could not finish without the leaver, whatever the engine does
            }
            checked++;
            String context = "seed " + seed + " (" + leaver + " leaves, " + mapping + ")";
            var engine = new AssignmentEngine(mapping);
            var workers = new SimulatedWorkers(engine, random, 1 + random.nextInt(4));
            initial.forEach(workers::register);
            initial.keySet().forEach(workers::ready);
            workers.runToEnd(random.nextInt(30));
            workers.leave(leaver);
            workers.runToEnd(200 * (int) (mapping.totalEvents() + 5) * (initial.size() + 1));

            assertThat(engine.allAssigned()).as("%s: stuck at %d", context, engine.lastAssigned()).isTrue();
            assertThat(workers.assignments()).extracting(WorkAssignment::eventNumber).as(context)
                    .containsExactlyElementsOf(LongStream.range(0, mapping.totalEvents()).boxed().toList());
            for (SimulatedWorkers.Publication publication : workers.published()) {
                MappedEvent event = mapping.event(publication.assignment().eventNumber());
                for (var cell : event.cells().entrySet()) {
                    List<String> got = publication.assignment().streams().get(cell.getKey());
                    assertThat(got == null).as("%s, event %d, stream %s: present iff not null", context, event.eventNumber(), cell.getKey())
                            .isEqualTo(cell.getValue() instanceof Cell.Absent);
                    if (got != null && !got.isEmpty() && cell.getValue().virtualWorkers().stream().allMatch(VirtualWorker::isAll)) {
                        assertThat(publication.registered().keySet()).as("%s, event %d: broadcast only to registered workers",
                                context, event.eventNumber()).containsAll(got);
                    }
                }
            }
        }
        assertThat(checked).as("cases where the others could finish the scan").isGreaterThan(CASES / 4);
    }

    private static boolean coversEveryVirtualWorker(Collection<Set<String>> workerTags, MappingSequence mapping) {
        for (TriggerMap part : mapping.parts().values()) {
            for (String stream : part.streams()) {
                for (Cell cell : part.cells(stream)) {
                    for (VirtualWorker vw : cell.virtualWorkers()) {
                        if (workerTags.stream().noneMatch(vw::matches)) {
                            return false;
                        }
                    }
                }
            }
        }
        return !workerTags.isEmpty();
    }

    private record ClaimKey(int sequenceIndex, long constraint) {
    }

    private static void checkOneScan(long seed) {
        var random = new Random(seed);
        MappingSequence mapping = randomMapping(random);
        int horizon = List.of(-1, 0, 1, 5).get(random.nextInt(4));
        int lookahead = List.of(1, 2, 3, 10, 10_000).get(random.nextInt(5));
        int maxCredit = 1 + random.nextInt(4);
        String context = "seed " + seed + " (horizon " + horizon + ", lookahead " + lookahead + ", max credit " + maxCredit
                + ", " + mapping + ")";

        var owners = new HashMap<ClaimKey, String>();
        var doubleClaims = new ArrayList<String>();
        var engine = new AssignmentEngine(mapping, horizon, lookahead, claim -> {
            String previous = owners.putIfAbsent(new ClaimKey(claim.instance().sequenceIndex(), claim.constraint()), claim.worker());
            if (previous != null) {
                doubleClaims.add(claim + " but " + previous + " had it already");
            }
        });
        var workers = new SimulatedWorkers(engine, random, maxCredit);
        Map<String, Set<String>> initial = randomWorkers(random, mapping);
        initial.forEach(workers::register);
        initial.keySet().forEach(workers::ready);
        int maxSteps = 200 * (int) (mapping.totalEvents() + 5) * (initial.size() + 1);
        if (random.nextInt(10) < 3) {
            workers.runToEnd(random.nextInt(20));
            workers.join("late", randomTags(random));
        }
        workers.runToEnd(maxSteps);

        // (d) no deadlock: every VW has a matching worker, so everything gets assigned and completed.
        assertThat(engine.lastAssigned()).as("%s: stuck at the frontier", context).isEqualTo(mapping.totalEvents());
        assertThat(workers.tracker().isFinished()).as("%s: not finished", context).isTrue();
        assertThat(workers.assignments()).extracting(WorkAssignment::eventNumber).as("%s: events in order", context)
                .containsExactlyElementsOf(LongStream.range(0, mapping.totalEvents()).boxed().toList());
        assertThat(doubleClaims).as("%s: a constraint claimed twice", context).isEmpty();

        var splitCheck = new HashMap<ClaimKey, Set<String>>();
        for (SimulatedWorkers.Publication publication : workers.published()) {
            WorkAssignment assignment = publication.assignment();
            MappedEvent event = mapping.event(assignment.eventNumber());
            String where = context + ", event " + assignment.eventNumber();
            var expected = new LinkedHashMap<String, List<String>>();
            for (var cellEntry : event.cells().entrySet()) {
                Cell cell = cellEntry.getValue();
                if (cell instanceof Cell.Absent) {
                    continue; // (c) null cells never appear
                }
                var names = new TreeSet<String>();
                for (VirtualWorker vw : cell.virtualWorkers()) {
                    if (vw.isAll()) {
                        publication.registered().forEach((name, tags) -> {
                            if (vw.matches(tags)) {
                                names.add(name);
                            }
                        });
                    } else {
                        var key = new ClaimKey(event.instance().sequenceIndex(), vw.constraint());
                        String owner = owners.get(key);
                        assertThat(owner).as("%s: constraint %s has no owner", where, vw.constraint()).isNotNull();
                        // Constraints are keyed by number alone (as upstream): if a part gives one constraint
                        // different tags, the owner matches the tags of the virtual worker it claimed through.
                        Set<String> ownerTags = publication.registered().getOrDefault(owner, Set.of());
                        Set<Set<String>> tagsOfConstraint = tagsOfConstraint(event.instance().part(), vw.constraint());
                        assertThat(tagsOfConstraint.stream().anyMatch(ownerTags::containsAll))
                                .as("%s: owner %s of constraint %s matches none of %s", where, owner, vw.constraint(), tagsOfConstraint)
                                .isTrue();
                        if (tagsOfConstraint.size() == 1) {
                            assertThat(vw.matches(ownerTags)).as("%s: owner %s does not match %s", where, owner, vw).isTrue();
                        }
                        names.add(owner);
                        if (cell.virtualWorkers().size() == 1) {
                            splitCheck.computeIfAbsent(key, k -> new HashSet<>())
                                    .addAll(assignment.streams().getOrDefault(cellEntry.getKey(), List.of()));
                        }
                    }
                }
                expected.put(cellEntry.getKey(), List.copyOf(names));
            }
            // (b) every non-null cell exactly once with exactly the right workers; [] stays empty.
            assertThat(assignment.streams()).as(where).isEqualTo(expected);
        }
        // (a) checked without the claim observer: a lone constrained VW always reaches one and the same worker.
        splitCheck.forEach((key, seen) -> assertThat(seen).as("%s: %s split over workers", context, key).hasSize(1));
    }

    private static Set<Set<String>> tagsOfConstraint(TriggerMap part, long constraint) {
        var tagSets = new HashSet<Set<String>>();
        for (String stream : part.streams()) {
            for (Cell cell : part.cells(stream)) {
                for (VirtualWorker vw : cell.virtualWorkers()) {
                    if (!vw.isAll() && vw.constraint() == constraint) {
                        tagSets.add(Set.copyOf(vw.tags()));
                    }
                }
            }
        }
        return tagSets;
    }

    private static MappingSequence randomMapping(Random random) {
        var parts = new LinkedHashMap<String, TriggerMap>();
        int partCount = 1 + random.nextInt(3);
        for (int p = 0; p < partCount; p++) {
            var streams = new ArrayList<>(STREAMS);
            Collections.shuffle(streams, random);
            int length = random.nextInt(13);
            var cells = new LinkedHashMap<String, List<Cell>>();
            for (String stream : streams.subList(0, 1 + random.nextInt(3))) {
                var streamCells = new ArrayList<Cell>();
                for (int e = 0; e < length; e++) {
                    streamCells.add(randomCell(random));
                }
                cells.put(stream, streamCells);
            }
            parts.put("part" + p, TriggerMap.of(cells));
        }
        var sequence = new ArrayList<String>();
        int entries = 1 + random.nextInt(4);
        for (int s = 0; s < entries; s++) {
            sequence.add("part" + random.nextInt(partCount));
        }
        return MappingSequence.of(parts, sequence, random.nextInt(5) > 0);
    }

    private static Cell randomCell(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return Cell.absent();
        }
        if (kind == 1) {
            return Cell.discard();
        }
        var vws = new ArrayList<VirtualWorker>();
        int count = random.nextInt(6) == 0 ? 2 + random.nextInt(2) : 1;
        for (int i = 0; i < count; i++) {
            Long constraint = random.nextInt(4) == 0 ? null : (long) random.nextInt(6);
            vws.add(new VirtualWorker(randomVirtualWorkerTags(random), constraint));
        }
        return Cell.of(vws);
    }

    private static Set<String> randomVirtualWorkerTags(Random random) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return Set.of("generic");
        }
        if (kind == 6) {
            return Set.of();
        }
        return Set.of(TAGS.get(random.nextInt(TAGS.size())));
    }

    private static Set<String> randomTags(Random random) {
        var tags = new LinkedHashSet<String>();
        for (String tag : TAGS) {
            if (random.nextInt(10) < (tag.equals("generic") ? 8 : 3)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** 1–4 random workers, plus one holding the tags of any virtual worker none of them matches. */
    private static Map<String, Set<String>> randomWorkers(Random random, MappingSequence mapping) {
        var workers = new LinkedHashMap<String, Set<String>>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            workers.put("w" + i, randomTags(random));
        }
        var unmatched = new TreeSet<String>();
        for (TriggerMap part : mapping.parts().values()) {
            for (String stream : part.streams()) {
                for (Cell cell : part.cells(stream)) {
                    for (VirtualWorker vw : cell.virtualWorkers()) {
                        if (workers.values().stream().noneMatch(vw::matches)) {
                            unmatched.addAll(vw.tags());
                        }
                    }
                }
            }
        }
        if (!unmatched.isEmpty()) {
            workers.put("extra", unmatched);
        }
        return workers;
    }
}
