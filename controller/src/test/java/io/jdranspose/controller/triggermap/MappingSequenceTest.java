package io.jdranspose.controller.triggermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MappingSequenceTest {

    private static final String MAIN_END = """
            {"parts": {"main": {"eiger": [[{"constraint": 2}], [{"constraint": 4}], [{"constraint": 6}], [{"constraint": 8}]]},
                       "end": {"eiger": [[{"constraint": 2}]]}},
             "sequence": ["main", "main", "end"]}""";

    @Test
    void repeatedPartsAreWrappedAndNumberedConsecutively() throws Exception {
        MappingSequence mapping = TriggerMapJson.parseSequence(MAIN_END, true);

        assertThat(mapping.totalEvents()).isEqualTo(11);
        assertThat(mapping.sequence()).containsExactly("reserved_start_end", "main", "main", "end", "reserved_start_end");
        assertThat(mapping.instances()).extracting(PartInstance::partName, PartInstance::startEvent).containsExactly(
                tuple("reserved_start_end", 0L),
                tuple("main", 1L),
                tuple("main", 5L),
                tuple("end", 9L),
                tuple("reserved_start_end", 10L));
        assertThat(TriggerMapJson.readback(mapping)).isEqualTo(new ObjectMapper().readTree("""
                {"parts": {"main": {"mapping": {"eiger": [[{"tags": ["generic"], "constraint": 2}], [{"tags": ["generic"], "constraint": 4}],
                                                          [{"tags": ["generic"], "constraint": 6}], [{"tags": ["generic"], "constraint": 8}]]}},
                           "end": {"mapping": {"eiger": [[{"tags": ["generic"], "constraint": 2}]]}},
                           "reserved_start_end": {"mapping": {"eiger": [[{"tags": ["generic"], "constraint": null}]]}}},
                 "sequence": ["reserved_start_end", "main", "main", "end", "reserved_start_end"]}"""));
    }

    @Test
    void eventsKnowTheirPartInstanceAndLocalIndex() {
        MappingSequence mapping = TriggerMapJson.parseSequence(MAIN_END, true);

        MappedEvent sixth = mapping.event(6);
        assertThat(sixth.instance().sequenceIndex()).isEqualTo(2);
        assertThat(sixth.instance().partName()).isEqualTo("main");
        assertThat(sixth.localIndex()).isEqualTo(1);
        assertThat(sixth.cell("eiger")).isEqualTo(Cell.constrained(4));
        assertThat(mapping.locate(0).partName()).isEqualTo("reserved_start_end");
        assertThat(mapping.locate(9).partName()).isEqualTo("end");
        assertThat(mapping.locate(10).sequenceIndex()).isEqualTo(4);
        assertThat(mapping.events().map(MappedEvent::eventNumber)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThatThrownBy(() -> mapping.locate(11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> mapping.locate(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void streamsMissingFromAPartAreAbsentThere() {
        MappingSequence mapping = TriggerMapJson.parseSequence("""
                {"parts": {"a": {"eiger": [[{"constraint": 0}]]}, "b": {"orca": [[], [{"constraint": 1}]]}},
                 "sequence": ["a", "b"]}""", false);

        assertThat(mapping.streams()).containsExactly("eiger", "orca");
        assertThat(mapping.event(0).cells()).containsExactly(Map.entry("eiger", Cell.constrained(0)), Map.entry("orca", Cell.absent()));
        assertThat(mapping.event(1).cells()).containsExactly(Map.entry("eiger", Cell.absent()), Map.entry("orca", Cell.discard()));
        assertThat(mapping.cell(2, "orca")).isEqualTo(Cell.constrained(1));
    }

    @Test
    void emptyPartsTakeNoEventNumbers() {
        MappingSequence mapping = TriggerMapJson.parseSequence("""
                {"parts": {"a": {"eiger": [null]}, "none": {}, "zero": {"eiger": []}},
                 "sequence": ["none", "a", "zero", "none", "a", "zero"]}""", false);

        assertThat(mapping.totalEvents()).isEqualTo(2);
        assertThat(mapping.locate(0).sequenceIndex()).isEqualTo(1);
        assertThat(mapping.locate(1).sequenceIndex()).isEqualTo(4);
    }

    @Test
    void startEndPartHasOneBroadcastPerTagForEveryStreamOfEveryPart() {
        MappingSequence mapping = TriggerMapJson.parseSequence("""
                {"parts": {"a": {"eiger": [[{"tags": ["generic", "gpu"], "constraint": 0}]]},
                           "b": {"orca": [[{"tags": ["debug"]}]]},
                           "unused": {"pcap": [null]}},
                 "sequence": ["a", "b"]}""", true);

        TriggerMap startEnd = mapping.parts().get(MappingSequence.START_END_PART);
        Cell broadcast = Cell.of(new VirtualWorker(Set.of("debug"), null), new VirtualWorker(Set.of("generic"), null),
                new VirtualWorker(Set.of("gpu"), null));
        assertThat(startEnd.streams()).containsExactly("eiger", "orca", "pcap");
        assertThat(startEnd.length()).isEqualTo(1);
        assertThat(startEnd.cells("eiger")).containsExactly(broadcast);
        assertThat(startEnd.cells("pcap")).containsExactly(broadcast);
        assertThat(mapping.totalEvents()).isEqualTo(4);
    }

    @Test
    void aMapOnlyForDebugWorkersOnlyStartsDebugWorkers() {
        MappingSequence mapping = TriggerMapJson.parseMapping("{\"eiger\": [[{\"tags\": [\"debug\"], \"constraint\": 0}]]}", true);
        assertThat(mapping.cell(0, "eiger")).isEqualTo(Cell.of(new VirtualWorker(Set.of("debug"), null)));
    }

    @Test
    void startEndIsDiscardedWhenNoTagIsUsed() {
        // {"tags": []} matches every worker but names no tag, so upstream's start/end cell is empty.
        MappingSequence mapping = TriggerMapJson.parseMapping("{\"eiger\": [[{\"tags\": [], \"constraint\": 0}]]}", true);
        assertThat(mapping.cell(0, "eiger")).isEqualTo(Cell.discard());
    }

    @Test
    void minWorkersIsTheMostDistinctConstraintsOfAnyEvent() {
        // The six-event example of the upstream docs (reference §2.1).
        MappingSequence mapping = TriggerMapJson.parseMapping("""
                {"stream1": [[{}], [{"constraint": 1}], [{"constraint": 1}], [{"constraint": 3}], [{"constraint": 3}], [{"constraint": 5}]],
                 "stream2": [[{}], [{"constraint": 2}], [{"constraint": 2}], [{"constraint": 4}], [{"constraint": 4}], [{"constraint": 5}]],
                 "low":     [[{}], [{"constraint": 1}, {"constraint": 2}], [], [{"constraint": 3}, {"constraint": 4}], [], [{"constraint": 5}]],
                 "slow":    [[{}], [{}], null, null, null, [{}]]}""", true);

        assertThat(mapping.minWorkers()).isEqualTo(2);
        assertThat(TriggerMapJson.parseMapping("{\"a\": [[{}], null]}", true).minWorkers()).isZero();
        assertThat(TriggerMapJson.parseMapping("{\"a\": [[{\"constraint\": 1}, {\"constraint\": 2}]], \"b\": [[{\"constraint\": 3}]]}", true)
                .minWorkers()).isEqualTo(3);
    }

    @Test
    void generatedMapsComputeTheirConstraints() {
        List<String> streams = List.of("eiger", "orca");

        assertThat(TriggerMap.uniform(streams, 4).cells("orca"))
                .containsExactly(Cell.constrained(0), Cell.constrained(1), Cell.constrained(2), Cell.constrained(3));
        assertThat(TriggerMap.batched(streams, 25, 10).cells("eiger").stream().map(c -> c.virtualWorkers().get(0).constraint()))
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> (long) (i / 10)).toList());
        assertThat(TriggerMap.roundRobin(streams, 7, 3).cells("eiger").stream().map(c -> c.virtualWorkers().get(0).constraint()))
                .containsExactly(0L, 1L, 2L, 0L, 1L, 2L, 0L);
        assertThat(TriggerMap.uniform(List.of(), 10).length()).isZero();
        assertThat(TriggerMap.uniform(streams, 10).minWorkers()).isEqualTo(1);
    }

    @Test
    void aGeneratedMapReadsBackLikeTheSameMapWrittenOut() {
        String written = "{\"eiger\": [[{\"constraint\": 0}], [{\"constraint\": 0}], [{\"constraint\": 1}]]}";
        assertThat(TriggerMapJson.readback(MappingSequence.single(TriggerMap.batched(List.of("eiger"), 3, 2), true)))
                .isEqualTo(TriggerMapJson.readback(TriggerMapJson.parseMapping(written, true)));
    }

    @Test
    void hugeSequencesStoreEachPartOnce() {
        // upstream's test_mapping_parts builds a 1 000 x 980-event sequence; the expansion must stay virtual.
        var parts = new LinkedHashMap<String, TriggerMap>();
        parts.put("main", TriggerMap.batched(List.of("eiger", "orca"), 980, 10));
        MappingSequence mapping = MappingSequence.of(parts, Collections.nCopies(1000, "main"), true);

        assertThat(mapping.totalEvents()).isEqualTo(980_002);
        assertThat(mapping.instances()).hasSize(1002);
        assertThat(mapping.parts()).hasSize(2);
        assertThat(mapping.minWorkers()).isEqualTo(1);
        MappedEvent event = mapping.event(980_000);
        assertThat(event.instance().sequenceIndex()).isEqualTo(1000);
        assertThat(event.localIndex()).isEqualTo(979);
        assertThat(event.cell("orca")).isEqualTo(Cell.constrained(97));
        assertThat(mapping.locate(980_001).partName()).isEqualTo("reserved_start_end");
    }

    @Test
    void aHugeSequenceParsedFromJsonIsCheapToo() {
        var cells = new ArrayList<String>();
        for (int i = 0; i < 980; i++) {
            cells.add("[{\"constraint\": " + (i / 10) + "}]");
        }
        String body = "{\"parts\": {\"main\": {\"eiger\": [" + String.join(",", cells) + "]}}, \"sequence\": ["
                + String.join(",", Collections.nCopies(1000, "\"main\"")) + "]}";

        MappingSequence mapping = TriggerMapJson.parseSequence(body, true);

        assertThat(mapping.totalEvents()).isEqualTo(980_002);
        // Event 500 001 is data event 500 000 = 510 whole parts of 980 plus 200: sequence entry 511, local 200.
        MappedEvent event = mapping.event(500_001);
        assertThat(event.instance().sequenceIndex()).isEqualTo(511);
        assertThat(event.localIndex()).isEqualTo(200);
        assertThat(event.cell("eiger")).isEqualTo(Cell.constrained(20));
    }

    @Test
    void emptyMappingHasNoEvents() {
        assertThat(MappingSequence.empty().totalEvents()).isZero();
        assertThat(MappingSequence.empty().streams()).isEmpty();
        assertThat(MappingSequence.empty().minWorkers()).isZero();
    }
}
