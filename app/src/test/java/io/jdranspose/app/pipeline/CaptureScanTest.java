package io.jdranspose.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.app.SharedData;
import io.jdranspose.runtime.control.RedisServerProcess;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every capture in {@code ../shared/data/captures} played onto a real socket by {@code jdranspose simulate
 * capture} (PUSH or PUB as the device does, with upstream's three junk messages first), through controller,
 * ingester, two workers and the reducer over a real Redis; the test plugin decodes each event with the api
 * parser of its protocol, and the reduced descriptions are checked value by value.
 */
class CaptureScanTest {
    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /**
     * Runs one scan of {@code dataEvents} data events (plus start and end) of one stream fed by a capture.
     *
     * @return event → the one description of that stream in it (start and end reach both workers alike)
     */
    private static SortedMap<Long, String> scan(String stream, String protocol, String capture, String socket,
                                                int dataEvents, long junkDropped) throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.worker("w2");
            p.stream(stream, protocol);
            p.ready();
            p.postMapping(UniformMap.of(List.of(stream), dataEvents, 1));
            var played = p.playCapture(stream, SharedData.file("captures/" + capture), socket);
            JsonNode progress = p.awaitFinished();
            assertThat(played.get(30, TimeUnit.SECONDS)).as("simulate capture exit code").isZero();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(dataEvents + 2);
            assertThat(p.ingester(stream).dropped()).as("junk before the start, dropped with a warning")
                    .isEqualTo(junkDropped);
            return describedOnce(p.traces(), stream);
        }
    }

    private static SortedMap<Long, String> describedOnce(SortedMap<Long, Map<String, List<String>>> traces,
                                                         String stream) {
        SortedMap<Long, String> byEvent = new java.util.TreeMap<>();
        traces.forEach((event, workers) -> {
            List<String> seen = new ArrayList<>();
            workers.values().forEach(items -> seen.addAll(items));
            assertThat(seen).as("event %d", event).allSatisfy(s -> assertThat(s).isEqualTo(seen.get(0)));
            assertThat(seen.get(0)).startsWith(stream + ":");
            byEvent.put(event, seen.get(0).substring(stream.length() + 1));
        });
        return byEvent;
    }

    @Test
    void albaEmElectrometerReadingsArriveAsFourEventsWithTheirCurrents() throws Exception {
        var events = scan("albaem", "albaem", "albaem-dump.cbors", "pub", 4, 3);
        assertThat(events).hasSize(6);
        assertThat(events.get(0L)).isEqualTo("start");
        assertThat(events.get(1L)).isEqualTo("data:0:-2.8302592615927417E-11,-6.091210149949596E-11,"
                + "2.5349278603830644E-10,4.80528800718246E-10");
        assertThat(events.get(4L)).isEqualTo("data:3:-9.84438004032258E-12,-6.091210149949596E-11,"
                + "2.5533860729586694E-10,4.76837158203125E-10");
        assertThat(events.get(5L)).isEqualTo("end");
    }

    @Test
    void pandaPcapMessagesAreSplitIntoOneEventPerRow() throws Exception {
        var events = scan("pcap", "pcap", "pcap-zmq.cbors", "pub", 1500, 3);
        assertThat(events).hasSize(1502);
        assertThat(events.get(0L)).isEqualTo("start:2024-10-07T08:49:10.627Z");
        for (long e = 1; e <= 1500; e++) {
            assertThat(events.get(e)).as("event %d", e).startsWith("row:" + (e - 1) + ":inttime=");
        }
        assertThat(events.get(1L)).isEqualTo("row:0:inttime=7.1160000000000005;triggernumber=1.0;repeatindex=1.0;"
                + "energy=8879.101048716273;INENC3.VAL.Mean=0.0");
        assertThat(events.get(17L)).isEqualTo("row:16:inttime=6.851;triggernumber=17.0;repeatindex=1.0;"
                + "energy=8882.300519741357;INENC3.VAL.Mean=0.0");
        assertThat(events.get(1500L)).isEqualTo("row:1499:inttime=6.5178;triggernumber=1500.0;repeatindex=1.0;"
                + "energy=9178.90056771702;INENC3.VAL.Mean=0.0");
        assertThat(events.get(1501L)).isEqualTo("end");
    }

    @Test
    void eigerLegacyHeaderImagesAndEndArriveWithTheirShapeAndEncoding() throws Exception {
        var events = scan("eiger", "eiger-legacy", "eiger-small.cbors", "push", 3, 3);
        assertThat(events).hasSize(5);
        assertThat(events.get(0L)).isEqualTo("header:series=6:detail=all");
        for (long e = 1; e <= 3; e++) {
            assertThat(events.get(e)).startsWith("image:" + (e - 1) + ":3108x3262:uint32:bs32-lz4<:size=");
        }
        assertThat(events.get(1L)).isEqualTo("image:0:3108x3262:uint32:bs32-lz4<:size=755083");
        assertThat(events.get(4L)).isEqualTo("end:series=6");
    }

    @Test
    void xspress3LegacyImagesAreJoinedFromThreeMessagesIntoOneEventEach() throws Exception {
        var events = scan("xspress3", "xspress3", "xspress3-dump.cbors", "pub", 20, 3);
        assertThat(events).hasSize(22);
        assertThat(events.get(0L)).isEqualTo("start");
        for (long e = 1; e <= 20; e++) {
            assertThat(events.get(e)).startsWith("image:" + (e - 1) + ":4x4096:uint32:sum=");
        }
        assertThat(events.get(1L)).isEqualTo("image:0:4x4096:uint32:sum=1.0:allEvents=[2.0,0.0,0.0,3.0]");
        assertThat(events.get(20L)).startsWith("image:19:4x4096:uint32:sum=3.0:");
        assertThat(events.get(21L)).isEqualTo("end");
    }

    @Test
    void contrastScanPointsCarryTheirMotorPositionsAndHeartbeatsAreDropped() throws Exception {
        // 26 messages: 3 junk + 4 heartbeats dropped, started + 20 running + finished forwarded
        var events = scan("contrast", "contrast", "contrast-dump.cbors", "pub", 20, 7);
        assertThat(events).hasSize(22);
        assertThat(events.get(0L)).isEqualTo("started:2:mesh_sx_-2_2_3_sy_-2_2_4_0.1");
        assertThat(events.get(1L)).isEqualTo("running:sx=-2.000431059888797:sy=-2.0011940002441406");
        assertThat(events.get(7L)).isEqualTo("running:sx=-0.6660473933734465:sy=-1.0005970001220703");
        assertThat(events.get(20L)).isEqualTo("running:sx=1.9993820199451875:sy=2.000812530517578");
        assertThat(events.get(21L)).isEqualTo("finished:2");
    }

    @Test
    void leCroySequencesAreGroupedIntoOneEventWithEveryChannelsTraces() throws Exception {
        var events = scan("lecroy", "lecroy", "maui-02-continuous-3.cbor.gz", "pub", 2, 3);
        assertThat(events).hasSize(4);
        assertThat(events.get(0L)).isEqualTo("prepare");
        assertThat(events.get(1L)).isEqualTo("sequence:channels=[2,4]:ch2max=0.1631136015521406:ch2ts=1.740563664870739E9"
                + ":shape=1x8002");
        assertThat(events.get(2L)).isEqualTo("sequence:channels=[2,4]:ch2max=0.1675630532008654:ch2ts=1.740563664335E9"
                + ":shape=1x8002");
        assertThat(events.get(3L)).isEqualTo("stop:4");
    }

    @Test
    void sardanaPostsOverHttpBecomeStartRecordsAndEnd() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.worker("w2");
            p.stream("sardana", "sardana");
            p.ready();
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create(p.endpoint("sardana"));
            assertThat(post(http, base, "/v1/record_data", "{\"timestamp\":0.1,\"point_nb\":99}").statusCode())
                    .as("a post before any scan is answered and dropped").isEqualTo(200);
            p.postMapping(UniformMap.of(List.of("sardana"), 3, 1));
            assertThat(post(http, base, "/v1/record_data", "{\"timestamp\":0.2,\"point_nb\":98}").statusCode())
                    .as("a record before the data description is dropped").isEqualTo(200);
            assertThat(post(http, base, "/v1/data_desc",
                    "{\"serialno\":17,\"scandir\":\"/data\",\"title\":\"ascan m1 0 1 2 0.1\"}").statusCode())
                    .isEqualTo(200);
            var bad = post(http, base, "/v1/record_data", "{\"timestamp\":\"soon\",\"point_nb\":0}");
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.body()).contains("timestamp");
            assertThat(post(http, base, "/v1/custom_data", "{\"anything\":1}").statusCode()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                var r = post(http, base, "/v1/record_data", "{\"timestamp\":" + (0.5 + i) + ",\"point_nb\":" + i
                        + ",\"m1\":" + (i * 0.5) + "}");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("null");
            }
            assertThat(post(http, base, "/v1/record_end", "{}").statusCode()).isEqualTo(200);
            JsonNode progress = p.awaitFinished();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(5);
            var events = describedOnce(p.traces(), "sardana");
            assertThat(events).containsExactly(
                    Map.entry(0L, "description:17:ascan_m1_0_1_2_0.1"),
                    Map.entry(1L, "record:0:m1=0.0"),
                    Map.entry(2L, "record:1:m1=0.5"),
                    Map.entry(3L, "record:2:m1=1.0"),
                    Map.entry(4L, "end"));
            assertThat(post(http, base, "/v1/nothing", "{}").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String ARM = """
            arm_time: 2024-10-07T08:49:10.627Z
            missed: 0
            process: Scaled
            format: ASCII
            fields:
             PCAP.TS_TRIG double Value scale: 1 offset: 0 units: s
             INENC1.VAL double Mean scale: 0.001 offset: 0 units: mm
             PCAP.SAMPLES uint32 Value

            """;

    @Test
    void pandaPositionCaptureOverTcpGivesOneEventPerLineAndSeveralArmsInOneScan() throws Exception {
        try (ServerSocket panda = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.worker("w2");
            p.local.addIngester(new io.jdranspose.ingester.IngesterConfig("panda-ingester", "panda",
                    "tcp://127.0.0.1:" + panda.getLocalPort(), io.jdranspose.ingester.UpstreamSocket.PULL,
                    io.jdranspose.ingester.protocol.Protocols.named("pcap-raw"), null, 1000));
            p.ready();
            // two arms of 3 rows: header, 3 rows, END, twice = 10 items = 8 "data" events plus start and end
            p.postMapping(UniformMap.of(List.of("panda"), 8, 1));
            panda.setSoTimeout(20_000);
            try (Socket connection = panda.accept()) {
                assertThat(connection.getInputStream().read()).as("the ingester opens with a newline").isEqualTo('\n');
                OutputStream out = connection.getOutputStream();
                StringBuilder stream = new StringBuilder("OK\n");
                for (int arm = 0; arm < 2; arm++) {
                    stream.append(ARM);
                    for (int row = 0; row < 3; row++) {
                        stream.append(' ').append(arm * 10 + row).append(".5 ").append(row * 0.25).append(' ')
                                .append(row + 1).append('\n');
                    }
                    stream.append("END 3 Disarmed\n");
                }
                byte[] bytes = stream.toString().getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < bytes.length; i += 7) { // split anywhere, as TCP may
                    out.write(bytes, i, Math.min(7, bytes.length - i));
                    out.flush();
                }
                JsonNode progress = p.awaitFinished();
                assertThat(progress.path("completed_events").asLong()).isEqualTo(10);
            }
            var events = describedOnce(p.traces(), "panda");
            assertThat(events).hasSize(10);
            assertThat(events.get(0L)).startsWith("line:arm_time:_2024-10-07T08:49:10.627Z|missed:_0|");
            assertThat(events.get(1L)).isEqualTo("line:0.5_0.0_1");
            assertThat(events.get(3L)).isEqualTo("line:2.5_0.5_3");
            assertThat(events.get(4L)).isEqualTo("line:END_3_Disarmed");
            assertThat(events.get(5L)).startsWith("line:arm_time:");
            assertThat(events.get(6L)).isEqualTo("line:10.5_0.0_1");
            assertThat(events.get(9L)).isEqualTo("line:END_3_Disarmed");
            assertThat(p.ingester("panda").dropped()).as("the OK reply").isEqualTo(1);
        }
    }
}
