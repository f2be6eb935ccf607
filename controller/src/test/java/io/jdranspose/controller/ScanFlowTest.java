package io.jdranspose.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole scans through Redis (docs/pipeline.md "Scan lifecycle"), with components simulated by
 * {@link FakeEnsemble}: assignment, credit, completion, finish, abandon, dumps.
 */
class ScanFlowTest {
    private static RedisServerProcess server;
    private Harness h;

    @BeforeAll
    static void startRedis() throws IOException {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void startController() throws Exception {
        h = new Harness(server.url());
    }

    @AfterEach
    void stopController() {
        h.close();
    }

    /** {@code {"eiger": [[{"constraint": 0}], [{"constraint": 1}], ...]}}: one worker per event. */
    static String uniformMap(String stream, int events) {
        return "{\"" + stream + "\": [" + IntStream.range(0, events).mapToObj(i -> "[{\"constraint\": " + i + "}]")
                .collect(Collectors.joining(", ")) + "]}";
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Api.sleep(2);
        }
    }

    @Test
    void oneWorkerScanRunsToTheEndAndItsStreamsAreDeleted() {
        h.standardEnsemble("eiger");
        String uuid = h.api.startScan("api/v1/mapping", uniformMap("eiger", 10));
        assertThat(h.exists(h.keys.reports(uuid))).isTrue();

        JsonNode progress = h.api.awaitFinished(uuid, Duration.ofSeconds(10));

        var upstreamFields = Api.JSON.createObjectNode();
        List.of("last_assigned", "completed_events", "total_events", "finished")
                .forEach(f -> upstreamFields.set(f, progress.get(f)));
        assertThat(upstreamFields).isEqualTo(Api.json(
                "{\"last_assigned\":12,\"completed_events\":12,\"total_events\":12,\"finished\":true}"));
        assertThat(progress.path("stalled").asBoolean()).isFalse();
        assertThat(progress.path("message").asText()).isEqualTo("finished: 12 of 12 events done");
        assertThat(h.exists(h.keys.assigned(uuid))).isFalse();
        assertThat(h.exists(h.keys.reports(uuid))).isFalse();

        // every event assigned once, in order, each frame to the one worker
        List<Assignment> assigned = h.ensemble.assignments(uuid);
        assertThat(assigned).extracting(Assignment::eventNumber)
                .containsExactlyElementsOf(IntStream.range(0, 12).mapToObj(i -> (long) i).toList());
        assertThat(assigned).allSatisfy(a -> assertThat(a.assignments()).isEqualTo(Map.of("eiger", List.of("w1"))));
        // one finished update for the scan
        assertThat(h.ensemble.updates()).filteredOn(u -> u.mappingUuid().equals(uuid) && u.finished()).hasSize(1);

        JsonNode status = h.api.getJson("api/v1/status");
        assertThat(status.path("finished").asBoolean()).isTrue();
        assertThat(status.path("completed_events")).hasSize(12);
        assertThat(status.path("processing_times").path("w1").isObject()).isTrue();
        JsonNode load = h.api.getJson("api/v1/load?intervals=5");
        assertThat(load.path("w1").path("last_event").asLong()).isEqualTo(11);
        assertThat(load.path("w1").path("intervals").path("scan").path("events").asLong()).isEqualTo(12);
        assertThat(load.path("w1").path("intervals").has("5")).isTrue();
    }

    @Test
    void aWorkerNeverHoldsMoreEventsThanItsCredit() {
        h.ensemble.ingester("eiger-ingester", "eiger");
        h.ensemble.worker("w1", 4);
        h.ensemble.reducer("reducer");
        h.ensemble.autoWork = false;
        String uuid = h.api.startScan("api/v1/mapping", uniformMap("eiger", 20)); // 22 events
        await("4 events are assigned", () -> h.ensemble.assignments(uuid).size() >= 4);
        Api.sleep(300);
        assertThat(h.ensemble.assignments(uuid)).as("no more than the credit while nothing completes").hasSize(4);

        int completed = 0;
        while (completed < 22) {
            List<Assignment> assigned = h.ensemble.assignments(uuid);
            assertThat(assigned.size() - completed).as("outstanding after %d completions", completed).isLessThanOrEqualTo(4);
            // complete the oldest outstanding event; exactly one more may follow
            h.ensemble.report(uuid, new Report.Done("w1", List.of(assigned.get(completed).eventNumber()),
                    List.of(false), null));
            completed++;
            int done = completed;
            int expected = Math.min(22, done + 4);
            await(expected + " events assigned", () -> h.ensemble.assignments(uuid).size() >= expected);
            assertThat(h.ensemble.assignments(uuid).size()).isLessThanOrEqualTo(done + 4);
        }
        h.api.awaitFinished(uuid, Duration.ofSeconds(5));
    }

    @Test
    void aNewUploadAbandonsTheRunningScan() {
        h.standardEnsemble("eiger");
        h.ensemble.autoWork = false;
        String first = h.api.startScan("api/v1/mapping", uniformMap("eiger", 30));
        await("the first scan assigns", () -> !h.ensemble.assignments(first).isEmpty());
        assertThat(h.exists(h.keys.assigned(first))).isTrue();

        h.ensemble.autoWork = true;
        String second = h.api.startScan("api/v1/mapping", uniformMap("eiger", 3));
        // when the upload returns, nothing of the first scan is left, and late reports cannot bring it back
        assertThat(h.exists(h.keys.assigned(first))).isFalse();
        assertThat(h.exists(h.keys.reports(first))).isFalse();
        h.ensemble.report(first, new Report.Done("w1", List.of(0L), List.of(false), null));
        assertThat(h.exists(h.keys.reports(first))).isFalse();

        JsonNode progress = h.api.awaitFinished(second, Duration.ofSeconds(5));
        assertThat(progress.path("total_events").asLong()).isEqualTo(5);
        assertThat(progress.path("completed_events").asLong()).isEqualTo(5);
        assertThat(h.exists(h.keys.assigned(first))).isFalse();
        // the first scan never got a finished update: it was abandoned, not finished
        assertThat(h.ensemble.updates()).filteredOn(u -> u.mappingUuid().equals(first) && u.finished()).isEmpty();
    }

    @Test
    void progressSaysFinishedOnlyOnceEveryComponentReportedFinished() {
        h.standardEnsemble("eiger");
        h.ensemble.autoFinish = false;
        String uuid = h.api.startScan("api/v1/mapping", uniformMap("eiger", 2));
        await("the finished update is sent", () -> h.ensemble.updates().stream()
                .anyMatch(u -> u.mappingUuid().equals(uuid) && u.finished()));
        // the update goes out before the ledger notes it (so a Redis failure is retried): wait for the note
        await("progress says who must finish", () -> h.api.getJson("api/v1/progress").path("message").asText()
                .startsWith("all events done; waiting for ingester"));
        JsonNode progress = h.api.getJson("api/v1/progress");
        assertThat(progress.path("completed_events").asLong()).isEqualTo(4);
        assertThat(progress.path("finished").asBoolean()).isFalse();
        assertThat(progress.path("message").asText())
                .isEqualTo("all events done; waiting for ingester eiger-ingester, reducer reducer, worker w1 to finish");

        h.ensemble.report(uuid, new Report.Finished("worker", "w1"));
        h.ensemble.report(uuid, new Report.Finished("ingester", "eiger-ingester"));
        Api.sleep(300);
        assertThat(h.api.getJson("api/v1/progress").path("finished").asBoolean()).isFalse();
        assertThat(h.exists(h.keys.reports(uuid))).isTrue();
        h.ensemble.report(uuid, new Report.Finished("reducer", "reducer"));
        h.api.awaitFinished(uuid, Duration.ofSeconds(2));
        assertThat(h.exists(h.keys.reports(uuid))).isFalse();
    }

    @Test
    void aRegisteredWorkerThatVanishesNoLongerHoldsUpBroadcastEvents() {
        h.standardEnsemble("eiger");
        FakeEnsemble.Member ghost = h.ensemble.worker("ghost", 4);
        ghost.sendsReady = false; // switches, then dies before it reports ready
        String uuid = h.api.startScan("api/v1/mapping", uniformMap("eiger", 2));
        Api.sleep(300);
        // the start event is a broadcast to every registered worker: it waits for the ghost
        assertThat(h.ensemble.assignments(uuid)).isEmpty();
        h.ensemble.remove(ghost);
        JsonNode progress = h.api.awaitFinished(uuid, Duration.ofSeconds(5));
        assertThat(progress.path("completed_events").asLong()).isEqualTo(4);
        assertThat(h.ensemble.assignments(uuid).get(0).assignments()).isEqualTo(Map.of("eiger", List.of("w1")));
    }

    @Test
    void unreadableReportsAreSkippedAndTheScanGoesOn() {
        h.standardEnsemble("eiger");
        h.ensemble.autoWork = false;
        String uuid = h.api.startScan("api/v1/mapping", uniformMap("eiger", 1));
        await("assignments", () -> h.ensemble.assignments(uuid).size() >= 3);
        for (String junk : List.of("not json", "{\"type\":\"bogus\"}", "{\"type\":\"ready\",\"worker\":\"w9\",\"credit\":0}",
                "{\"type\":\"done\",\"worker\":\"w1\",\"completed\":[1],\"has_result\":[]}")) {
            h.commands.xadd(h.keys.reports(uuid), Map.of("data", junk.getBytes(StandardCharsets.UTF_8)));
        }
        h.ensemble.report(uuid, new Report.Done("w1", List.of(0L, 1L, 2L), List.of(false, false, false), null));
        h.api.awaitFinished(uuid, Duration.ofSeconds(5));
    }

    @Test
    void dumpPrefixWritesUpstreamsMappingAndParameterDumps(@TempDir Path dir) throws IOException {
        Path shared = Path.of(System.getProperty("jdranspose.shared", "../../shared"), "data", "recorded-by-dranspose");
        String prefix = dir.resolve("dump_").toString();
        assertThat(h.api.post("api/v1/parameter/dump_prefix", prefix).statusCode()).isEqualTo(200);
        h.standardEnsemble("eiger", "orca");
        String uuid = h.api.startScan("api/v1/sequence", Files.readString(shared.resolve("scan-trigger-map-posted.json")));

        String mappingDump = Files.readString(dir.resolve("dump_mapping-" + uuid + ".json"));
        assertThat(Api.json(mappingDump)).isEqualTo(h.api.getJson("api/v1/sequence"));
        assertThat(Api.json(mappingDump)).isEqualTo(Api.json(Files.readString(shared.resolve("scan-mapping.json"))));
        assertThat(mappingDump).startsWith("{\"parts\": {\"main\": {\"mapping\": {\"eiger\": [[{\"tags\": [\"generic\"], \"constraint\": 1}], ");
        assertThat(Files.readString(dir.resolve("dump_parameters-" + uuid + ".json")))
                .isEqualTo("[{\"name\": \"dump_prefix\", \"data\": \"" + prefix.replace("\\", "\\\\") + "\"}]");

        // a value with a NUL byte: the parameter dump is CBOR, binary values as byte strings
        h.commands.set(h.keys.parameterDescription("mask"),
                "{\"name\":\"mask\",\"description\":null,\"dtype\":\"binary\",\"default\":\"\"}".getBytes(StandardCharsets.UTF_8));
        h.api.post("api/v1/parameter/mask", new byte[] {1, 0, 2});
        String second = h.api.startScan("api/v1/sequence", Files.readString(shared.resolve("scan-trigger-map-posted.json")));
        assertThat(dir.resolve("dump_parameters-" + second + ".json")).doesNotExist();
        JsonNode cbor = new CBORMapper().readTree(Files.readAllBytes(dir.resolve("dump_parameters-" + second + ".cbor")));
        assertThat(cbor).hasSize(2);
        assertThat(cbor.get(0).path("name").asText()).isEqualTo("dump_prefix");
        assertThat(cbor.get(0).path("data").isTextual()).isTrue();
        assertThat(cbor.get(1).path("name").asText()).isEqualTo("mask");
        assertThat(cbor.get(1).path("data").binaryValue()).isEqualTo(new byte[] {1, 0, 2});
    }

    @Test
    void theUpdateCarriesTheScanParametersAndSerial() {
        h.standardEnsemble("eiger");
        h.api.post("api/v1/parameter/roi", "7");
        String uuid = h.api.startScan("api/v1/mapping", uniformMap("eiger", 3));
        ScanUpdate update = h.ensemble.updates().stream().filter(u -> u.mappingUuid().equals(uuid)).findFirst()
                .orElseThrow();
        assertThat(update.parametersVersion()).containsOnlyKeys("roi");
        assertThat(update.totalEvents()).isEqualTo(5);
        assertThat(update.dumpPrefix()).isEmpty();
        List<Long> serials = new ArrayList<>();
        h.ensemble.updates().forEach(u -> serials.add(u.serial()));
        assertThat(serials).isSorted();
        assertThat(update.serial()).isGreaterThan(h.ensemble.updates().get(0).serial());
    }
}
