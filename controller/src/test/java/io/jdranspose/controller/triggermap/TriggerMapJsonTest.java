package io.jdranspose.controller.triggermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TriggerMapJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void postedScanBodyReadsBackExactlyAsUpstreamDumpedIt() throws IOException {
        byte[] posted = Files.readAllBytes(SharedData.recordedByDranspose("scan-trigger-map-posted.json"));
        JsonNode upstreamDump = JSON.readTree(SharedData.recordedByDranspose("scan-mapping.json").toFile());

        MappingSequence mapping = TriggerMapJson.parseSequence(posted, true);

        // ObjectNode equality ignores key order, which is what the README asks for (stream order in
        // reserved_start_end comes from a Python set); arrays, values and explicit nulls must match.
        assertThat(TriggerMapJson.readback(mapping)).isEqualTo(upstreamDump);
        assertThat(JSON.readTree(TriggerMapJson.readbackText(mapping))).isEqualTo(upstreamDump);
        assertThat(mapping.totalEvents()).isEqualTo(12);
        assertThat(mapping.sequence()).containsExactly("reserved_start_end", "main", "reserved_start_end");
        assertThat(mapping.streams()).containsExactlyInAnyOrder("eiger", "orca");
        assertThat(mapping.minWorkers()).isEqualTo(1);
    }

    @Test
    void virtualWorkerFieldsDefaultToGenericAndNoConstraint() {
        MappingSequence mapping = TriggerMapJson.parseMapping(
                "{\"eiger\": [[{}], [{\"tags\": [\"debug\"]}], [{\"constraint\": 7}], [], null]}", false);

        TriggerMap main = mapping.parts().get("main");
        assertThat(main.cells("eiger")).containsExactly(
                Cell.of(new VirtualWorker(Set.of("generic"), null)),
                Cell.of(new VirtualWorker(Set.of("debug"), null)),
                Cell.constrained(7),
                Cell.discard(),
                Cell.absent());
        assertThat(TriggerMapJson.readback(mapping)).isEqualTo(json("""
                {"parts": {"main": {"mapping": {"eiger": [
                    [{"tags": ["generic"], "constraint": null}],
                    [{"tags": ["debug"], "constraint": null}],
                    [{"tags": ["generic"], "constraint": 7}],
                    [],
                    null]}}},
                 "sequence": ["main"]}"""));
    }

    @Test
    void legacyMappingBecomesPartMainWrappedInStartAndEnd() {
        MappingSequence mapping = TriggerMapJson.parseMapping(
                "{\"eiger\": [[{\"constraint\": 0}], [{\"tags\": [\"debug\", \"fast\"], \"constraint\": 1}]]}", true);

        assertThat(mapping.sequence()).containsExactly("reserved_start_end", "main", "reserved_start_end");
        assertThat(TriggerMapJson.readback(mapping).get("parts").get("reserved_start_end")).isEqualTo(json("""
                {"mapping": {"eiger": [[{"tags": ["debug"], "constraint": null},
                                        {"tags": ["fast"], "constraint": null},
                                        {"tags": ["generic"], "constraint": null}]]}}"""));
    }

    @Test
    void largeConstraintsAndNegativeOnesSurviveTheRoundTrip() {
        String body = "{\"parts\": {\"p\": {\"s\": [[{\"constraint\": -3}], [{\"constraint\": 9000000000}]]}}, \"sequence\": [\"p\"]}";
        MappingSequence mapping = TriggerMapJson.parseSequence(body, false);

        assertThat(mapping.parts().get("p").cells("s")).containsExactly(Cell.constrained(-3), Cell.constrained(9_000_000_000L));
        assertThat(TriggerMapJson.readback(mapping).at("/parts/p/mapping/s/1/0/constraint").longValue()).isEqualTo(9_000_000_000L);
    }

    @Test
    void plainConstraintCellsAreKeptAsNumbersAndReadBackUnchanged() {
        String cells = "[[{\"constraint\": 0}], [{\"tags\": [\"generic\"], \"constraint\": 0}], [{\"constraint\": 1}]]";
        MappingSequence same = TriggerMapJson.parseMapping("{\"eiger\": " + cells + ", \"orca\": " + cells + "}", false);
        TriggerMap part = same.parts().get("main");
        assertThat(part.constraintOfEvent()).isNotNull();
        assertThat(part.constraintOfEvent().applyAsLong(2)).isEqualTo(1);
        assertThat(part.cells("orca")).containsExactly(Cell.constrained(0), Cell.constrained(0), Cell.constrained(1));
        assertThat(TriggerMapJson.readback(same).at("/parts/main/mapping/eiger").toString())
                .isEqualTo("[[{\"tags\":[\"generic\"],\"constraint\":0}],[{\"tags\":[\"generic\"],\"constraint\":0}],"
                        + "[{\"tags\":[\"generic\"],\"constraint\":1}]]");

        // streams with other constraints, tags, or "all" cells are not one constraint per event
        for (String other : List.of("[[{\"constraint\": 0}], [{\"constraint\": 1}], [{\"constraint\": 1}]]",
                "[[{\"constraint\": 0}], [{\"tags\": [\"gpu\"], \"constraint\": 0}], [{\"constraint\": 1}]]",
                "[[{\"constraint\": 0}], [{\"constraint\": 0}], [{}]]",
                "[[{\"constraint\": 0}], [{\"constraint\": 0}], null]")) {
            TriggerMap mixed = TriggerMapJson.parseMapping("{\"eiger\": " + cells + ", \"orca\": " + other + "}", false)
                    .parts().get("main");
            assertThat(mixed.constraintOfEvent()).as(other).isNull();
            assertThat(mixed.cells("eiger")).containsExactly(Cell.constrained(0), Cell.constrained(0), Cell.constrained(1));
        }
    }

    @Test
    void unknownTopLevelFieldsAreIgnoredAsUpstreamDoes() {
        MappingSequence mapping = TriggerMapJson.parseSequence(
                "{\"parts\": {\"main\": {\"s\": [null]}}, \"sequence\": [\"main\"], \"comment\": \"from a hook\"}", false);
        assertThat(mapping.totalEvents()).isEqualTo(1);
    }

    static Stream<Arguments> badSequenceBodies() {
        String prefix = "{\"parts\": {\"main\": {\"eiger\": ";
        String suffix = "}}, \"sequence\": [\"main\"]}";
        return Stream.of(
                Arguments.of(prefix + "[null, [], [{\"constraint\": 1}], [{\"constraint\": \"x\"}]]" + suffix,
                        "part 'main', stream 'eiger', event 3: constraint must be an integer or null, got \"x\""),
                Arguments.of(prefix + "[[{\"constraint\": 1.5}]]" + suffix,
                        "part 'main', stream 'eiger', event 0: constraint must be an integer or null, got 1.5"),
                Arguments.of(prefix + "[[{\"constraint\": true}]]" + suffix,
                        "part 'main', stream 'eiger', event 0: constraint must be an integer or null, got true"),
                Arguments.of(prefix + "[[{\"constraint\": 123456789012345678901234567890}]]" + suffix,
                        "part 'main', stream 'eiger', event 0: constraint does not fit in 64 bits, got 123456789012345678901234567890"),
                Arguments.of(prefix + "[[{\"tags\": \"generic\"}]]" + suffix,
                        "part 'main', stream 'eiger', event 0: tags must be a list of strings, got \"generic\""),
                Arguments.of(prefix + "[[{\"tags\": null}]]" + suffix,
                        "part 'main', stream 'eiger', event 0: tags must be a list of strings, got null"),
                Arguments.of(prefix + "[null, [{\"tags\": [\"generic\", 5]}]]" + suffix,
                        "part 'main', stream 'eiger', event 1: tag must be a non-empty string, got 5"),
                Arguments.of(prefix + "[[{\"tags\": [\"\"]}]]" + suffix,
                        "part 'main', stream 'eiger', event 0: tag must be a non-empty string, got \"\""),
                Arguments.of(prefix + "[[{\"constrant\": 1}]]" + suffix,
                        "part 'main', stream 'eiger', event 0: virtual worker has unknown field \"constrant\" (allowed: \"tags\", \"constraint\")"),
                Arguments.of(prefix + "[[1]]" + suffix,
                        "part 'main', stream 'eiger', event 0: virtual worker must be an object such as {\"tags\": [\"generic\"], \"constraint\": 0}, got 1"),
                Arguments.of(prefix + "[[], 5]" + suffix,
                        "part 'main', stream 'eiger', event 1: cell must be null, [] or a list of virtual workers, got 5"),
                Arguments.of(prefix + "[{}]" + suffix,
                        "part 'main', stream 'eiger', event 0: cell must be null, [] or a list of virtual workers, got {}"),
                Arguments.of(prefix + "[\"" + "x".repeat(100) + "\"]" + suffix,
                        "part 'main', stream 'eiger', event 0: cell must be null, [] or a list of virtual workers, got \""
                                + "x".repeat(59) + "..."),
                Arguments.of(prefix + "{}" + suffix,
                        "part 'main', stream 'eiger' must be a list of cells (one per event), got {}"),
                Arguments.of("{\"parts\": {\"main\": {\"eiger\": [null, null], \"orca\": [null]}}, \"sequence\": [\"main\"]}",
                        "part 'main': all streams must have the same number of events, but 'eiger' has 2 and 'orca' has 1"),
                Arguments.of("{\"parts\": {\"main\": {\"\": [null]}}, \"sequence\": [\"main\"]}",
                        "part 'main': stream names must not be empty"),
                Arguments.of("{\"parts\": {\"main\": [[null]]}, \"sequence\": [\"main\"]}",
                        "part 'main' must be an object mapping stream names to lists of cells, got [[null]]"),
                Arguments.of("{\"parts\": {\"main\": {\"mapping\": {\"eiger\": [null]}}}, \"sequence\": [\"main\"]}",
                        "part 'main' is in the GET /api/v1/sequence form {\"mapping\": {...}}; post the map itself, {stream: [cell, ...]}"),
                Arguments.of("{\"parts\": {\"\": {}}, \"sequence\": [\"\"]}",
                        "part names must not be empty"),
                Arguments.of("[\"main\"]",
                        "body must be a JSON object with \"parts\" and \"sequence\", got [\"main\"]"),
                Arguments.of("{\"sequence\": [\"main\"]}",
                        "body has no \"parts\""),
                Arguments.of("{\"parts\": [], \"sequence\": [\"main\"]}",
                        "\"parts\" must be an object mapping part names to trigger maps, got []"),
                Arguments.of("{\"parts\": {\"main\": {\"eiger\": [null]}}}",
                        "body has no \"sequence\""),
                Arguments.of("{\"parts\": {\"main\": {\"eiger\": [null]}}, \"sequence\": \"main\"}",
                        "\"sequence\" must be a list of part names, got \"main\""),
                Arguments.of("{\"parts\": {\"main\": {\"eiger\": [null]}}, \"sequence\": [\"main\", 3]}",
                        "sequence entry 1 must be a part name (a string), got 3"),
                Arguments.of("{\"parts\": {\"main\": {\"eiger\": [null]}, \"end\": {}}, \"sequence\": [\"main\", \"mian\"]}",
                        "sequence entry 1 names unknown part 'mian' (known parts: 'end', 'main')"),
                Arguments.of("{\"parts\": {}, \"sequence\": [\"main\"]}",
                        "sequence entry 0 names unknown part 'main' (known parts: none)"),
                Arguments.of("{\"parts\": {\"main\": {\"eiger\": [null]}}, \"sequence\": []}",
                        "sequence must not be empty"),
                Arguments.of("{\"parts\": {\"reserved_start_end\": {\"eiger\": [null]}}, \"sequence\": [\"reserved_start_end\"]}",
                        "part name 'reserved_start_end' is reserved for the start/end wrapping (all_wrap=true)"),
                Arguments.of("",
                        "body is empty, expected JSON"),
                Arguments.of("  \n ",
                        "body is empty, expected JSON"),
                Arguments.of("{\"parts\": {}, \"parts\": {}}",
                        "body is not valid JSON: Duplicate field 'parts' (line 1, column 22)"),
                Arguments.of("{\"parts\": {\"main\": {\"eiger\": [nul]}}, \"sequence\": [\"main\"]}",
                        "body is not valid JSON: Unrecognized token 'nul': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 31)"),
                Arguments.of("{\"parts\": {}} {}",
                        "body is not valid JSON: more data after the first value (line 1, column 15)"));
    }

    @ParameterizedTest
    @MethodSource("badSequenceBodies")
    void badSequenceBodiesAreRefusedWithAMessageSayingWhere(String body, String message) {
        assertThatThrownBy(() -> TriggerMapJson.parseSequence(body, true))
                .isInstanceOf(TriggerMapException.class)
                .hasMessage(message);
    }

    @Test
    void theReservedPartNameIsAllowedWithoutWrapping() {
        MappingSequence mapping = TriggerMapJson.parseSequence(
                "{\"parts\": {\"reserved_start_end\": {\"eiger\": [null]}}, \"sequence\": [\"reserved_start_end\"]}", false);
        assertThat(mapping.sequence()).containsExactly("reserved_start_end");
    }

    static Stream<Arguments> badLegacyBodies() {
        return Stream.of(
                Arguments.of("[]", "body must be a JSON object mapping stream names to lists of cells, got []"),
                Arguments.of("{\"eiger\": [[{\"constraint\": \"x\"}]]}",
                        "part 'main', stream 'eiger', event 0: constraint must be an integer or null, got \"x\""),
                Arguments.of("{\"eiger\": [null], \"orca\": [null, null, null]}",
                        "part 'main': all streams must have the same number of events, but 'eiger' has 1 and 'orca' has 3"),
                Arguments.of("{\"eiger\": 5}",
                        "part 'main', stream 'eiger' must be a list of cells (one per event), got 5"));
    }

    @ParameterizedTest
    @MethodSource("badLegacyBodies")
    void badLegacyMappingsAreRefusedWithAMessageSayingWhere(String body, String message) {
        assertThatThrownBy(() -> TriggerMapJson.parseMapping(body, true))
                .isInstanceOf(TriggerMapException.class)
                .hasMessage(message);
    }

    @Test
    void sardanaHookBuildsAUniformPartOverTheAvailableStreams() {
        var request = SardanaHookRequest.parse(json("{\"streams\": [\"eiger\", \"nosuch\"], \"scan\": {\"nb_points\": 10, \"title\": \"ascan\"}}"));

        assertThat(request).isEqualTo(new SardanaHookRequest.Scan(List.of("eiger", "nosuch"), 10));
        MappingSequence mapping = ((SardanaHookRequest.Scan) request).toMapping(List.of("eiger", "orca"), true);
        assertThat(mapping.sequence()).containsExactly("reserved_start_end", "sardana", "reserved_start_end");
        assertThat(mapping.totalEvents()).isEqualTo(12);
        assertThat(mapping.streams()).containsExactly("eiger");
        assertThat(mapping.parts().get("sardana").cells("eiger"))
                .containsExactlyElementsOf(Stream.iterate(0L, i -> i + 1).limit(10).map(Cell::constrained).toList());
    }

    @Test
    void sardanaHookDeclinesIncompleteCallsWithUpstreamsStrings() {
        assertThat(SardanaHookRequest.parse(json("{\"streams\": [\"eiger\"]}")))
                .isEqualTo(new SardanaHookRequest.Declined("no scan info"));
        assertThat(SardanaHookRequest.parse(json("{\"streams\": [\"eiger\"], \"scan\": {}}")))
                .isEqualTo(new SardanaHookRequest.Declined("no nb_points in scan"));
        assertThat(SardanaHookRequest.parse(json("{\"scan\": {\"nb_points\": 3}}")))
                .isEqualTo(new SardanaHookRequest.Declined("streams required"));
    }

    @Test
    void sardanaHookRefusesFieldsOfTheWrongType() {
        assertThatThrownBy(() -> SardanaHookRequest.parse(json("{\"streams\": [\"eiger\"], \"scan\": {\"nb_points\": -1}}")))
                .isInstanceOf(TriggerMapException.class)
                .hasMessage("\"nb_points\" must be a non-negative integer, got -1");
        assertThatThrownBy(() -> SardanaHookRequest.parse(json("{\"streams\": \"eiger\", \"scan\": {\"nb_points\": 1}}")))
                .isInstanceOf(TriggerMapException.class)
                .hasMessage("\"streams\" must be a list of stream names, got \"eiger\"");
        assertThatThrownBy(() -> SardanaHookRequest.parse(json("{\"streams\": [], \"scan\": 4}")))
                .isInstanceOf(TriggerMapException.class)
                .hasMessage("\"scan\" must be an object, got 4");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
