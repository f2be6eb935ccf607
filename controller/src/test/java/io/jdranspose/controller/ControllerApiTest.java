package io.jdranspose.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.controller.http.Router;
import io.jdranspose.runtime.control.ParameterHash;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.ScanUpdate;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API against upstream's contract (reference §3.1): paths, bodies and status codes. */
class ControllerApiTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
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

    private static JsonNode detail(String text) {
        return Api.JSON.createObjectNode().put("detail", text);
    }

    @Test
    void sequenceUploadReturnsTheUuidOnceEveryComponentSwitched() {
        h.standardEnsemble("eiger");
        h.ensemble.autoWork = false; // the scan stays open while we look at it
        String body = """
                {"parts": {"main": {"eiger": [[{"constraint": 2}], [{"constraint": 4}]]},
                           "end": {"eiger": [[{"tags": ["generic"], "constraint": 2}]]}},
                 "sequence": ["main", "main", "end"]}""";
        HttpResponse<String> response = h.api.post("api/v1/sequence", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        String uuid = Api.json(response.body()).asText();
        assertThat(uuid).matches(UUID_PATTERN);
        assertThat(h.controller.currentMappingUuid()).isEqualTo(uuid);
        // the answer came only after every registered component showed the new uuid
        for (String key : List.of(h.keys.member(io.jdranspose.runtime.control.ComponentKind.WORKER, "w1"),
                h.keys.member(io.jdranspose.runtime.control.ComponentKind.INGESTER, "eiger-ingester"),
                h.keys.member(io.jdranspose.runtime.control.ComponentKind.REDUCER, "reducer"))) {
            assertThat(io.jdranspose.runtime.control.MemberState.fromJson(h.commands.get(key)).mappingUuid())
                    .as(key).isEqualTo(uuid);
        }
        ScanUpdate update = newestUpdate();
        assertThat(update.mappingUuid()).isEqualTo(uuid);
        assertThat(update.activeStreams()).containsExactly("eiger");
        assertThat(update.totalEvents()).isEqualTo(7);
        assertThat(update.finished()).isFalse();
        assertThat(update.targetParametersHash()).isEqualTo(ParameterHash.of(Map.of()));

        JsonNode readback = h.api.getJson("api/v1/sequence");
        assertThat(readback).isEqualTo(Api.json("""
                {"parts": {"main": {"mapping": {"eiger": [[{"tags": ["generic"], "constraint": 2}],
                                                          [{"tags": ["generic"], "constraint": 4}]]}},
                           "end": {"mapping": {"eiger": [[{"tags": ["generic"], "constraint": 2}]]}},
                           "reserved_start_end": {"mapping": {"eiger": [[{"tags": ["generic"], "constraint": null}]]}}},
                 "sequence": ["reserved_start_end", "main", "main", "end", "reserved_start_end"]}"""));
        assertThat(h.api.getJson("api/v1/mapping")).isEqualTo(readback);

        // clients of upstream post with a trailing slash too; a new upload gets a new uuid and a larger serial
        String second = h.api.startScan("api/v1/sequence/?all_wrap=false", body);
        assertThat(second).isNotEqualTo(uuid);
        assertThat(newestUpdate().serial()).isGreaterThan(update.serial());
        assertThat(h.api.getJson("api/v1/sequence").path("sequence").toString()).isEqualTo("[\"main\",\"main\",\"end\"]");
    }

    @Test
    void legacyMappingBecomesPartMain() {
        h.standardEnsemble("eiger");
        h.api.startScan("api/v1/mapping", "{\"eiger\": [[{\"constraint\": 0}], null, []]}");
        JsonNode readback = h.api.getJson("api/v1/mapping");
        assertThat(readback.path("sequence").toString()).isEqualTo("[\"reserved_start_end\",\"main\",\"reserved_start_end\"]");
        assertThat(readback.path("parts").path("main").path("mapping").path("eiger").toString())
                .isEqualTo("[[{\"tags\":[\"generic\"],\"constraint\":0}],null,[]]");
    }

    @Test
    void unknownStreamIsRefusedWithUpstreamsText() {
        h.standardEnsemble("orca");
        HttpResponse<String> response = h.api.post("api/v1/sequence",
                "{\"parts\": {\"main\": {\"eiger\": [[{\"constraint\": 0}]]}}, \"sequence\": [\"main\"]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Api.json(response.body())).isEqualTo(detail("streams {'eiger'} not available"));

        response = h.api.post("api/v1/mapping", "{\"b\": [null], \"orca\": [null], \"a\": [null]}");
        assertThat(Api.json(response.body())).isEqualTo(detail("streams {'a', 'b'} not available"));
    }

    @Test
    void tooFewWorkersIsRefusedWithUpstreamsText() {
        h.ensemble.ingester("eiger-ingester", "eiger");
        h.ensemble.reducer("reducer");
        HttpResponse<String> response = h.api.post("api/v1/mapping", "{\"eiger\": [[{\"constraint\": 0}]]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Api.json(response.body())).isEqualTo(detail("only 0 workers available, but 1 required"));

        h.ensemble.worker("w1", 4);
        response = h.api.post("api/v1/mapping", "{\"eiger\": [[{\"constraint\": 0}, {\"constraint\": 1}]]}");
        assertThat(Api.json(response.body())).isEqualTo(detail("only 1 workers available, but 2 required"));
        // a refused upload leaves the current scan alone
        assertThat(h.api.getJson("api/v1/sequence").path("sequence")).isEmpty();
    }

    @Test
    void withoutReducerTheUploadAnswers503() {
        h.ensemble.ingester("eiger-ingester", "eiger");
        h.ensemble.worker("w1", 4);
        HttpResponse<String> response = h.api.post("api/v1/mapping", "{\"eiger\": [[{\"constraint\": 0}]]}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Api.json(response.body())).isEqualTo(detail("no reducer registered"));
    }

    @Test
    void componentThatDoesNotSwitchGives504NamingIt() throws Exception {
        h.close();
        // upstream's 10 s, shortened for the test
        h = new Harness(server.url(), null, ControllerTimings.DEFAULT.withSwitchWait(Duration.ofSeconds(1)));
        h.standardEnsemble("eiger");
        h.ensemble.worker("sleepy", 4).follows = false;
        long start = System.nanoTime();
        HttpResponse<String> response = h.api.post("api/v1/mapping", "{\"eiger\": [[{\"constraint\": 0}]]}");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(Api.json(response.body()).path("detail").asText()).contains("worker 'sleepy'")
                .doesNotContain("'w1'");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        // the scan was announced and runs for those that switched
        assertThat(h.ensemble.updates().get(h.ensemble.updates().size() - 1).mappingUuid())
                .isEqualTo(h.controller.currentMappingUuid());
    }

    @Test
    void sardanaHookAnswersPlainStringsAndBuildsAUniformMap() {
        h.standardEnsemble("eiger");
        assertThat(h.api.post("api/v1/sardana_hook", "{}").body()).isEqualTo("\"no scan info\"");
        assertThat(h.api.post("api/v1/sardana_hook", "{\"scan\": {}}").body()).isEqualTo("\"no nb_points in scan\"");
        HttpResponse<String> declined = h.api.post("api/v1/sardana_hook", "{\"scan\": {\"nb_points\": 10}}");
        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(declined.body()).isEqualTo("\"streams required\"");

        String uuid = h.api.startScan("api/v1/sardana_hook",
                "{\"streams\": [\"eiger\", \"not_served\"], \"scan\": {\"nb_points\": 10, \"title\": \"ascan\"}}");
        assertThat(uuid).matches(UUID_PATTERN);
        JsonNode readback = h.api.getJson("api/v1/sequence");
        assertThat(readback.path("sequence").toString())
                .isEqualTo("[\"reserved_start_end\",\"sardana\",\"reserved_start_end\"]");
        JsonNode eiger = readback.path("parts").path("sardana").path("mapping").path("eiger");
        assertThat(eiger).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(eiger.get(i).get(0).path("constraint").asInt()).isEqualTo(i);
        }
        assertThat(readback.path("parts").path("sardana").path("mapping").has("not_served")).isFalse();
    }

    @Test
    void stopWithoutAnyDataFinishesTheScan() {
        h.standardEnsemble("eiger");
        h.ensemble.autoWork = false;
        String uuid = h.api.startScan("api/v1/mapping", "{\"eiger\": [[{\"constraint\": 0}], [{\"constraint\": 1}]]}");
        HttpResponse<String> stop = h.api.post("api/v1/stop", "");
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(stop.body()).isEqualTo("null");
        JsonNode progress = h.api.awaitFinished(uuid, Duration.ofSeconds(5));
        assertThat(progress.path("completed_events").asLong()).isZero();
        assertThat(progress.path("total_events").asLong()).isEqualTo(4);
        assertThat(progress.path("message").asText()).startsWith("stopped: 0 of 4 events done");
        assertThat(h.ensemble.updates()).filteredOn(u -> u.mappingUuid().equals(uuid) && u.finished()).hasSize(1);
    }

    @Test
    void parametersRoundTripAsRawBytes() {
        HttpResponse<String> post = h.api.post("api/v1/parameter/roi", "{\"x\": [1, 2]}");
        assertThat(post.statusCode()).isEqualTo(200);
        String hash = Api.json(post.body()).asText();
        assertThat(hash).matches("[0-9a-f]{64}");
        Map<String, String> versions = new HashMap<>();
        h.commands.hgetall(h.keys.parameterVersions()).forEach((k, v) -> versions.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(versions).containsOnlyKeys("roi");
        assertThat(hash).isEqualTo(ParameterHash.of(versions));
        ScanUpdate update = newestUpdate();
        assertThat(update.parametersVersion()).isEqualTo(versions);
        assertThat(update.targetParametersHash()).isEqualTo(hash);

        HttpResponse<byte[]> get = h.api.getBytes("api/v1/parameter/roi");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("content-type")).hasValue("application/x.bytes");
        assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo("{\"x\": [1, 2]}");

        byte[] binary = new byte[3000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        String second = Api.json(h.api.post("api/v1/parameter/blob", binary).body()).asText();
        assertThat(second).isNotEqualTo(hash);
        assertThat(h.api.getBytes("api/v1/parameter/blob").body()).isEqualTo(binary);
        assertThat(h.api.getBytes("api/v1/parameter/empty").statusCode()).isEqualTo(404);
        h.api.post("api/v1/parameter/empty", new byte[0]);
        HttpResponse<byte[]> empty = h.api.getBytes("api/v1/parameter/empty");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();

        HttpResponse<String> missing = h.api.get("api/v1/parameter/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Api.json(missing.body())).isEqualTo(detail("Parameter not found"));
    }

    @Test
    void valueThatDoesNotParseForItsDescribedTypeIsRefusedNamingIt() {
        h.commands.set(h.keys.parameterDescription("threshold"),
                "{\"name\":\"threshold\",\"description\":null,\"dtype\":\"int\",\"default\":3}".getBytes(StandardCharsets.UTF_8),
                SetArgs.Builder.px(60_000));
        HttpResponse<String> refused = h.api.post("api/v1/parameter/threshold", "4.5x");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Api.json(refused.body()).path("detail").asText()).contains("'threshold'").contains("'4.5x'");
        assertThat(h.api.post("api/v1/parameter/threshold", "42").statusCode()).isEqualTo(200);
        assertThat(h.api.get("api/v1/parameter/threshold").body()).isEqualTo("42");
    }

    @Test
    void describedParametersGetTheirDefaultsWithinTwoSeconds() {
        h.commands.set(h.keys.parameterDescription("roi1"),
                "{\"name\":\"roi1\",\"description\":null,\"dtype\":\"str\",\"default\":\"bla\"}".getBytes(StandardCharsets.UTF_8),
                SetArgs.Builder.px(60_000));
        h.commands.set(h.keys.parameterDescription("on"),
                "{\"name\":\"on\",\"description\":\"switch\",\"dtype\":\"bool\",\"default\":true}".getBytes(StandardCharsets.UTF_8),
                SetArgs.Builder.px(60_000));
        // the controller fills defaults every 2 s; 5 s leaves room for a busy machine
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (h.api.get("api/v1/parameter/on").statusCode() == 404 && System.nanoTime() < deadline) {
            Api.sleep(50);
        }
        assertThat(h.api.get("api/v1/parameter/roi1").body()).isEqualTo("bla");
        assertThat(h.api.get("api/v1/parameter/on").body()).isEqualTo("True");
        // components hear about it: the newest update carries both versions
        assertThat(newestUpdate().parametersVersion()).containsOnlyKeys("roi1", "on");
    }

    @Test
    void parameterDescriptionsAreListedSortedWithDumpPrefix() {
        h.commands.set(h.keys.parameterDescription("z_last"),
                "{\"name\":\"z_last\",\"description\":null,\"dtype\":\"float\",\"default\":0.5}".getBytes(StandardCharsets.UTF_8),
                SetArgs.Builder.px(60_000));
        h.commands.set(h.keys.parameterDescription("a_first"),
                "{\"name\":\"a_first\",\"description\":\"first\",\"dtype\":\"binary\",\"default\":\"\"}".getBytes(StandardCharsets.UTF_8),
                SetArgs.Builder.px(60_000));
        assertThat(h.api.getJson("api/v1/parameters")).isEqualTo(Api.json("""
                [{"name":"a_first","description":"first","dtype":"binary","default":""},
                 {"name":"dump_prefix","description":"Prefix to dump ingester values","dtype":"str","default":""},
                 {"name":"z_last","description":null,"dtype":"float","default":0.5}]"""));
    }

    @Test
    void progressHasUpstreamsFieldsThenOurs() {
        JsonNode progress = h.api.getJson("api/v1/progress");
        List<String> fields = new ArrayList<>();
        progress.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("last_assigned", "completed_events", "total_events", "finished",
                "mapping_uuid", "events_per_second", "stalled", "message");
        assertThat(progress.path("mapping_uuid").asText()).isEqualTo(h.controller.currentMappingUuid());
        assertThat(progress.path("total_events").asLong()).isZero();
    }

    @Test
    void malformedBodiesAnswer422NamingTheProblem() {
        h.standardEnsemble("eiger");
        HttpResponse<String> response = h.api.post("api/v1/sequence", "{\"parts\": ");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Api.json(response.body()).path("detail").asText()).startsWith("body is not valid JSON");

        response = h.api.post("api/v1/mapping", "{\"eiger\": [null, null], \"orca\": [null]}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Api.json(response.body()).path("detail").asText()).contains("same number of events");

        response = h.api.post("api/v1/sequence", "{\"parts\": {\"main\": {\"eiger\": [null]}}, \"sequence\": [\"mian\"]}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Api.json(response.body()).path("detail").asText()).contains("unknown part 'mian'");

        response = h.api.post("api/v1/mapping", "{\"eiger\": [[{\"constrant\": 1}]]}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Api.json(response.body()).path("detail").asText()).contains("\"constrant\"");

        response = h.api.post("api/v1/mapping?all_wrap=maybe", "{\"eiger\": [null]}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Api.json(response.body()).path("detail").asText()).contains("all_wrap");

        response = h.api.post("api/v1/sardana_hook", "{\"streams\": \"eiger\", \"scan\": {\"nb_points\": 2}}");
        assertThat(response.statusCode()).isEqualTo(422);
        response = h.api.get("api/v1/logs?level=LOUD");
        assertThat(response.statusCode()).isEqualTo(422);
        response = h.api.get("api/v1/load?intervals=x");
        assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void bodyOverSixtyFourMebibytesAnswers413() throws Exception {
        // announced length over the limit: refused before reading the body
        String answer = rawPost("/api/v1/sequence", "Content-Length: " + (ApiCall64.MAX + 1) + "\r\n", new byte[16]);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).endsWith("{\"detail\":\"request body larger than 64 MiB\"}");

        // no length announced (chunked): refused once the limit is passed
        byte[] chunk = new byte[1 << 20];
        var body = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 65; i++) {
            body.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(chunk);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        answer = rawPost("/api/v1/parameter/big", "Transfer-Encoding: chunked\r\n", body.toByteArray());
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(h.api.get("api/v1/parameter/big").statusCode()).isEqualTo(404);
    }

    /** The limit, restated here so the test fails if it silently changes. */
    private static final class ApiCall64 {
        static final long MAX = 64L * 1024 * 1024;
    }

    /**
     * Sends a request over a plain socket and returns the start of the answer. The answer is read while the
     * body is still being written, since the server answers 413 before it has read everything.
     */
    private String rawPost(String path, String headers, byte[] body) throws Exception {
        try (Socket socket = new Socket(h.controller.url().getHost(), h.controller.url().getPort())) {
            socket.setSoTimeout(10_000);
            var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                var answer = executor.submit(() -> readAnswer(socket.getInputStream()));
                OutputStream out = socket.getOutputStream();
                try {
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before reading everything; the answer is there
                }
                return answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                executor.shutdownNow();
            }
        }
    }

    /** Status line and headers, then as many body bytes as Content-Length says. */
    private static String readAnswer(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        var length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    @Test
    void withATokenEveryPostNeedsIt() throws Exception {
        h.close();
        h = new Harness(server.url(), "s3cret");
        Api anonymous = new Api(h.controller.url());
        Api wrong = new Api(h.controller.url(), "guess");
        for (String path : List.of("api/v1/parameter/roi", "api/v1/stop", "api/v1/sequence", "api/v1/mapping",
                "api/v1/sardana_hook")) {
            for (Api client : List.of(anonymous, wrong)) {
                HttpResponse<String> refused = client.post(path, "{}");
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(Api.json(refused.body())).isEqualTo(detail("missing or wrong token"));
                assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Bearer");
            }
        }
        assertThat(anonymous.get("api/v1/parameter/roi").statusCode()).isEqualTo(404); // nothing was stored
        assertThat(h.api.post("api/v1/parameter/roi", "1").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("api/v1/parameter/roi").statusCode()).isEqualTo(200); // reading needs no token
    }

    @Test
    void unknownPathsAndMethodsAnswerLikeFastApi() {
        HttpResponse<String> response = h.api.get("api/v1/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Api.json(response.body())).isEqualTo(detail("Not Found"));
        response = h.api.get("api/v1/stop");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Api.json(response.body())).isEqualTo(detail("Method Not Allowed"));
    }

    @Test
    void corsAllowsAnyOriginAndAnswersThePreflight() {
        HttpResponse<String> preflight = h.api.send(h.api.request("api/v1/parameter/x")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://viewer.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("access-control-allow-methods").orElseThrow()).contains("GET", "POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValue("authorization, content-type");
        assertThat(h.api.get("api/v1/progress").headers().firstValue("access-control-allow-origin")).hasValue("*");
    }

    @Test
    void configListsTheEnsemble() {
        JsonNode empty = h.api.getJson("api/v1/config");
        assertThat(empty.path("ingesters")).isEmpty();
        assertThat(empty.path("reducer").isNull()).isTrue();
        Api.sleep(250); // the answer is cached for up to 200 ms
        h.ensemble.ingester("eiger-ingester", "eiger");
        h.ensemble.worker("w1", 8);
        h.ensemble.reducer("reducer", "http://127.0.0.1:5001/");
        JsonNode config = h.api.getJson("api/v1/config");
        assertThat(config.path("ingesters")).hasSize(1);
        assertThat(config.path("ingesters").get(0).path("name").asText()).isEqualTo("eiger-ingester");
        assertThat(config.path("ingesters").get(0).path("streams").toString()).isEqualTo("[\"eiger\"]");
        assertThat(config.path("workers").get(0).path("tags").toString()).isEqualTo("[\"generic\"]");
        assertThat(config.path("reducer").path("http_url").asText()).isEqualTo("http://127.0.0.1:5001/");
        assertThat(config.path("controller_version").isTextual()).isTrue();
        assertThat(config.path("parameters_version").isObject()).isTrue();
        assertThat(config.path("parameters_hash").asText()).isEqualTo(ParameterHash.of(Map.of()));
    }

    @Test
    void logsAreFilteredByLevel() {
        addLog("debug detail", "DEBUG");
        addLog("started", "INFO");
        addLog("slow", "WARNING");
        addLog("broken", "ERROR");
        JsonNode warnings = h.api.getJson("api/v1/logs?level=warning");
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0).path("msg").asText()).isEqualTo("slow");
        assertThat(warnings.get(1).path("msg").asText()).isEqualTo("broken");
        assertThat(warnings.get(1).path("levelname").asText()).isEqualTo("ERROR");
        assertThat(warnings.get(1).path("component").asText()).isEqualTo("test");
        assertThat(h.api.getJson("api/v1/logs")).hasSize(3);
        assertThat(h.api.getJson("api/v1/logs?level=INFO&limit=1").get(0).path("msg").asText()).isEqualTo("broken");
    }

    private void addLog(String message, String level) {
        Map<String, byte[]> fields = new java.util.LinkedHashMap<>();
        fields.put("msg", message.getBytes(StandardCharsets.UTF_8));
        fields.put("lineno", "12".getBytes(StandardCharsets.UTF_8));
        fields.put("name", "test.logger".getBytes(StandardCharsets.UTF_8));
        fields.put("created", "1700000000.5".getBytes(StandardCharsets.UTF_8));
        fields.put("levelname", level.getBytes(StandardCharsets.UTF_8));
        fields.put("component", "test".getBytes(StandardCharsets.UTF_8));
        h.commands.xadd(h.keys.logs(), fields);
    }

    @Test
    void logStreamFollowsNewRecordsUntilTheControllerCloses() throws Exception {
        addLog("before the client came", "INFO");
        HttpResponse<java.util.stream.Stream<String>> response = Api.CLIENT_FOR_STREAMS.send(
                h.api.request("api/v1/log_stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        var lines = response.body().iterator();
        addLog("first", "INFO");
        addLog("second", "DEBUG");
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var firstTwo = executor.submit(() -> List.of(lines.next(), lines.next()));
            List<String> read = firstTwo.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(Api.json(read.get(0)).path("msg").asText()).isEqualTo("first");
            assertThat(Api.json(read.get(1)).path("msg").asText()).isEqualTo("second");
            assertThat(Api.json(read.get(1)).path("levelname").asText()).isEqualTo("DEBUG");

            var end = executor.submit(() -> {
                try {
                    return lines.hasNext() ? "more: " + lines.next() : "ended";
                } catch (RuntimeException e) {
                    return "ended";
                }
            });
            h.controller.close();
            assertThat(end.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("ended");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void openApiDocumentListsEveryRouteServed() {
        JsonNode openApi = h.api.getJson("api/v1/openapi.json");
        assertThat(openApi.path("openapi").asText()).startsWith("3.1");
        List<Router.Route> routes = h.controller.routes();
        assertThat(routes.stream().map(r -> r.method() + " " + r.template())).contains("GET /", "GET /api/v1/openapi.json",
                "POST /api/v1/sequence", "GET /api/v1/sequence", "POST /api/v1/mapping", "GET /api/v1/mapping",
                "POST /api/v1/sardana_hook", "POST /api/v1/stop", "POST /api/v1/parameter/{name}",
                "GET /api/v1/parameter/{name}", "GET /api/v1/parameters", "GET /api/v1/config", "GET /api/v1/status",
                "GET /api/v1/progress", "GET /api/v1/load", "GET /api/v1/logs", "GET /api/v1/log_stream");
        for (Router.Route route : routes) {
            JsonNode operation = openApi.path("paths").path(route.template()).path(route.method().toLowerCase());
            assertThat(operation.isObject()).as("%s %s in openapi.json", route.method(), route.template()).isTrue();
            assertThat(operation.path("responses").has("200")).as("%s %s answers 200", route.method(), route.template())
                    .isTrue();
        }
        // and nothing is documented that is not served
        var served = routes.stream().map(r -> r.method().toLowerCase() + " " + r.template()).toList();
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!op.getKey().equals("parameters")) {
                assertThat(served).contains(op.getKey() + " " + path.getKey());
            }
        }));
        // every $ref resolves
        openApi.findValues("$ref").forEach(ref -> assertThat(openApi.at(ref.asText().substring(1)).isMissingNode())
                .as(ref.asText()).isFalse());
    }

    @Test
    void statusPageIsSelfContainedAndPollsProgress() {
        HttpResponse<String> page = h.api.get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("fetch(path").contains("\"/api/v1/progress\"").contains("\"/api/v1/config\"")
                .contains("/api/v1/logs?level=INFO").contains("setInterval(refresh, 1000)").contains("viewer/");
        assertThat(page.body()).doesNotContain("<script src").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("innerHTML");
    }

    private ScanUpdate newestUpdate() {
        var newest = h.commands.xrevrange(h.keys.updates(), Range.create("-", "+"), Limit.from(1));
        assertThat(newest).hasSize(1);
        return ScanUpdate.fromJson(newest.get(0).getBody().get("data"));
    }
}
