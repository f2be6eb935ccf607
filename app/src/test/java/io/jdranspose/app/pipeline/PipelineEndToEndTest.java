package io.jdranspose.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.runtime.control.RedisServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scans through the real pipeline: controller, ingesters, workers and reducer (the production classes, in
 * this JVM) over a real redis-server and real ZeroMQ sockets, fed by simulated STINS detectors. Each test
 * checks which worker processed which event and what the reducer got.
 */
class PipelineEndToEndTest {
    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** {"eiger": [[{"constraint":0}], [{"constraint":1}], …]} */
    private static String uniform(String stream, int events) {
        return UniformMap.of(List.of(stream), events, 1);
    }

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 2, 4})
    void everyImageIsProcessedOnceAndStartAndEndReachEveryWorker(int workers) throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            List<String> names = new ArrayList<>();
            for (int w = 1; w <= workers; w++) {
                names.add("w" + w);
                p.worker("w" + w);
            }
            p.stream("eiger");
            p.ready();
            p.postMapping(uniform("eiger", 12));
            p.sendSeries("eiger", 12);
            JsonNode progress = p.awaitFinished();

            assertThat(progress.path("completed_events").asLong()).isEqualTo(14);
            assertThat(progress.path("total_events").asLong()).isEqualTo(14);
            var traces = p.traces();
            assertThat(traces.get(0L)).as("the start message goes to every worker").containsOnlyKeys(names);
            traces.get(0L).values().forEach(items -> assertThat(items).containsExactly("eiger:start"));
            assertThat(traces.get(13L)).as("the end message goes to every worker").containsOnlyKeys(names);
            for (long event = 1; event <= 12; event++) {
                assertThat(traces.get(event)).as("event %d: exactly one worker", event).hasSize(1);
                assertThat(traces.get(event).values().iterator().next()).containsExactly("eiger:image:" + (event - 1));
            }
            var byWorker = p.eventsByWorker();
            assertThat(byWorker.keySet()).containsExactlyElementsOf(names);
            SortedSet<Long> data = new TreeSet<>();
            byWorker.values().forEach(events -> events.stream().filter(e -> e >= 1 && e <= 12).forEach(e ->
                    assertThat(data.add(e)).as("event %d processed twice", e).isTrue()));
            assertThat(data).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
            assertThat(p.local.reducer().reduced()).isEqualTo(12 + 2L * workers);
        }
    }

    @Test
    void fourStreamsMeetOnTheWorkersTheirConstraintsNameAsInUpstreamTestBasics() throws Exception {
        int n = 10;
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.worker("w2");
            p.worker("w3");
            for (String s : List.of("eiger", "orca", "alba", "slow")) {
                p.stream(s);
            }
            p.ready();
            StringBuilder eiger = new StringBuilder("[");
            StringBuilder orca = new StringBuilder("[");
            StringBuilder alba = new StringBuilder("[");
            StringBuilder slow = new StringBuilder("[");
            for (int j = 0; j < n; j++) {
                String sep = j == 0 ? "" : ",";
                eiger.append(sep).append("[{\"constraint\":").append(2 * j).append("}]");
                orca.append(sep).append("[{\"constraint\":").append(2 * j + 1).append("}]");
                alba.append(sep).append("[{\"constraint\":").append(2 * j).append("},{\"constraint\":").append(2 * j + 1).append("}]");
                slow.append(sep).append(j % 4 == 0 ? "[{\"constraint\":" + 2 * j + "}]" : "null");
            }
            p.postMapping("{\"eiger\":" + eiger + "],\"orca\":" + orca + "],\"alba\":" + alba + "],\"slow\":" + slow + "]}");
            int slowImages = (n + 3) / 4;
            List<Thread> detectors = new ArrayList<>();
            for (String s : List.of("eiger", "orca", "alba", "slow")) {
                int images = s.equals("slow") ? slowImages : n;
                detectors.add(Thread.ofPlatform().start(() -> {
                    try {
                        p.sendSeries(s, images);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : detectors) {
                t.join();
            }
            JsonNode progress = p.awaitFinished();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(n + 2);

            var traces = p.traces();
            int slowFrame = 0;
            for (long event = 1; event <= n; event++) {
                int j = (int) event - 1;
                Map<String, List<String>> byWorker = traces.get(event);
                String eigerItem = "eiger:image:" + j;
                String orcaItem = "orca:image:" + j;
                String eigerWorker = workerWith(byWorker, eigerItem);
                String orcaWorker = workerWith(byWorker, orcaItem);
                assertThat(byWorker.get(eigerWorker)).as("event %d: alba goes with eiger", event).contains("alba:image:" + j);
                assertThat(byWorker.get(orcaWorker)).as("event %d: alba goes with orca", event).contains("alba:image:" + j);
                if (j % 4 == 0) {
                    assertThat(byWorker.get(eigerWorker)).as("event %d: slow goes with eiger", event)
                            .contains("slow:image:" + slowFrame++);
                }
                List<String> all = byWorker.values().stream().flatMap(List::stream).toList();
                assertThat(all.stream().filter(i -> i.startsWith("slow")).count()).isEqualTo(j % 4 == 0 ? 1 : 0);
                // eiger's and orca's constraints may be claimed by one worker, which then gets both (and alba once)
                assertThat(byWorker).as("event %d", event).containsOnlyKeys(new java.util.HashSet<>(List.of(eigerWorker, orcaWorker)));
            }
            assertThat(slowFrame).isEqualTo(slowImages);
            assertThat(traces.get(0L)).containsOnlyKeys("w1", "w2", "w3");
            traces.get(0L).values().forEach(items ->
                    assertThat(items).containsExactly("alba:start", "eiger:start", "orca:start", "slow:start"));
        }
    }

    private static String workerWith(Map<String, List<String>> byWorker, String item) {
        List<String> holders = byWorker.entrySet().stream().filter(e -> e.getValue().contains(item)).map(Map.Entry::getKey).toList();
        assertThat(holders).as("workers holding %s in %s", item, byWorker).hasSize(1);
        return holders.get(0);
    }

    @Test
    void aNullCellConsumesNoFrameAndItsEventIsProcessedByNobody() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.stream("eiger");
            p.ready();
            p.postMapping("{\"eiger\":[[{\"constraint\":0}],[{\"constraint\":1}],null,[{\"constraint\":3}]]}");
            p.sendSeries("eiger", 3);
            JsonNode progress = p.awaitFinished();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(6);
            var traces = p.traces();
            assertThat(traces.keySet()).containsExactly(0L, 1L, 2L, 4L, 5L);
            assertThat(traces.get(1L).get("w1")).containsExactly("eiger:image:0");
            assertThat(traces.get(2L).get("w1")).containsExactly("eiger:image:1");
            assertThat(traces.get(4L).get("w1")).containsExactly("eiger:image:2");
            assertThat(traces.get(5L).get("w1")).containsExactly("eiger:end");
        }
    }

    @Test
    void discardedCellsConsumeFramesAndOnlyTheDebugWorkerGetsTheRest() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("generic1");
            p.worker("debugger", "debug");
            p.stream("eiger");
            p.ready();
            StringBuilder cells = new StringBuilder();
            for (int j = 0; j < 8; j++) {
                cells.append(j == 0 ? "" : ",").append(j >= 3 && j <= 6 ? "[]" : "[{\"tags\":[\"debug\"],\"constraint\":" + j + "}]");
            }
            p.postMapping("{\"eiger\":[" + cells + "]}");
            p.sendSeries("eiger", 8);
            JsonNode progress = p.awaitFinished();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(10);
            var byWorker = p.eventsByWorker();
            assertThat(byWorker).as("start/end only reach tags the map uses").containsOnlyKeys("debugger");
            assertThat(byWorker.get("debugger")).containsExactly(0L, 1L, 2L, 3L, 8L, 9L);
            var traces = p.traces();
            assertThat(List.of(1L, 2L, 3L, 8L).stream().map(e -> traces.get(e).get("debugger").get(0)).toList())
                    .containsExactly("eiger:image:0", "eiger:image:1", "eiger:image:2", "eiger:image:7");
        }
    }

    @Test
    void aDebugTaggedWorkerGetsEveryFourthEventAsWell() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.worker("w2");
            p.worker("dbg", "debug");
            p.stream("eiger");
            p.ready();
            StringBuilder cells = new StringBuilder();
            for (int j = 0; j < 12; j++) {
                cells.append(j == 0 ? "" : ",").append("[{\"constraint\":").append(j).append('}')
                        .append(j % 4 == 0 ? ",{\"tags\":[\"debug\"]}" : "").append(']');
            }
            p.postMapping("{\"eiger\":[" + cells + "]}");
            p.sendSeries("eiger", 12);
            p.awaitFinished();
            var byWorker = p.eventsByWorker();
            assertThat(byWorker.get("dbg")).containsExactly(0L, 1L, 5L, 9L, 13L);
            SortedSet<Long> generic = new TreeSet<>();
            byWorker.forEach((w, events) -> {
                if (!w.equals("dbg")) {
                    events.stream().filter(e -> e >= 1 && e <= 12).forEach(e -> assertThat(generic.add(e)).isTrue());
                }
            });
            assertThat(generic).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
            assertThat(p.traces().get(5L).get("dbg")).containsExactly("eiger:image:4");
        }
    }

    @Test
    void twoScansInARowEachGetTheirOwnReducerTreeAndHdf5File(@TempDir Path dir) throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), dir + "/scan-")) {
            p.worker("w1");
            p.worker("w2");
            p.stream("eiger");
            p.ready();
            String first = p.postMapping(uniform("eiger", 5));
            p.sendSeries("eiger", 5);
            p.awaitFinished();
            assertThat(p.traces().keySet()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
            String second = p.postMapping(uniform("eiger", 7));
            p.sendSeries("eiger", 7);
            JsonNode progress = p.awaitFinished();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(9);
            var traces = p.traces();
            assertThat(traces.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(0, 8).boxed().toList());
            for (long e = 1; e <= 7; e++) {
                assertThat(traces.get(e).values().iterator().next()).containsExactly("eiger:image:" + (e - 1));
            }
            assertThat(first).isNotEqualTo(second);
            assertThat(dir.resolve("scan-" + first + ".h5")).isNotEmptyFile();
            assertThat(dir.resolve("scan-" + second + ".h5")).isNotEmptyFile();
            assertThat(p.local.reducer().lastFile()).isEqualTo(dir.resolve("scan-" + second + ".h5"));
        }
    }

    @Test
    void stopEndsAScanThatNeverGotData() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.stream("eiger");
            p.ready();
            p.postMapping(uniform("eiger", 10));
            p.local.client().stop();
            JsonNode progress = p.awaitFinished();
            assertThat(progress.path("finished").asBoolean()).isTrue();
            assertThat(progress.path("completed_events").asLong()).isLessThan(12);
        }
    }

    @Test
    void aMapLongerThanTheDataStallsVisiblyAndTheNextMapAbandonsIt() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.worker("w2");
            p.stream("eiger");
            p.ready();
            p.postMapping(uniform("eiger", 30));
            List<List<byte[]>> first = PipelineHarness.seriesMessages(22);
            p.send("eiger", first.subList(0, 23)); // start + 22 images, no end
            long deadline = System.nanoTime() + 15_000_000_000L;
            JsonNode progress = p.progress();
            while (!progress.path("stalled").asBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                progress = p.progress();
            }
            assertThat(progress.path("completed_events").asLong()).isEqualTo(23);
            assertThat(progress.path("finished").asBoolean()).isFalse();
            assertThat(progress.path("stalled").asBoolean()).as("progress says the scan stalls: %s", progress).isTrue();
            assertThat(progress.path("message").asText()).contains("23").contains("32");

            p.postMapping(uniform("eiger", 5));
            // leftovers of the old series arrive first: they precede the new start and must be dropped
            List<List<byte[]>> messages = new ArrayList<>(first.subList(10, 20));
            messages.addAll(PipelineHarness.seriesMessages(5));
            p.send("eiger", messages);
            progress = p.awaitFinished();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(7);
            var traces = p.traces();
            assertThat(traces.keySet()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
            for (long e = 1; e <= 5; e++) {
                assertThat(traces.get(e).values().iterator().next()).containsExactly("eiger:image:" + (e - 1));
            }
        }
    }

    @Test
    void unparsableUpstreamFramesAreSkippedAndTheScanGoesOn() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.stream("eiger");
            p.ready();
            p.postMapping(uniform("eiger", 3));
            List<List<byte[]>> messages = new ArrayList<>(PipelineHarness.seriesMessages(3));
            messages.add(2, List.of("{not json".getBytes()));
            messages.add(3, List.of("{\"htype\":\"image\"}".getBytes()));
            p.send("eiger", messages);
            p.awaitFinished();
            var traces = p.traces();
            for (long e = 1; e <= 3; e++) {
                assertThat(traces.get(e).get("w1")).containsExactly("eiger:image:" + (e - 1));
            }
            assertThat(p.local.ingesters().get(0).dropped()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void garbageOnTheInternalSocketsIsDroppedAndTheNextScanIsCorrect() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            var worker = p.worker("w1");
            p.stream("eiger");
            p.ready();
            String reducerInbox = p.local.client().config().path("reducer").path("url").asText();
            try (var context = new org.zeromq.ZContext()) {
                for (String inbox : List.of(worker.inboxUrl(), reducerInbox)) {
                    // a ZeroMQ peer (the internal sockets are plain TCP with jdranspose's framing)
                    var push = context.createSocket(org.zeromq.SocketType.PUSH);
                    push.setLinger(2000);
                    push.connect(inbox);
                    push.send("garbage".getBytes(), org.zeromq.ZMQ.SNDMORE);
                    push.send(new byte[] {1, 2, 3}, 0);
                    // bytes that are no framing at all
                    var address = io.jdranspose.runtime.wire.TcpFraming.address(inbox);
                    try (var raw = new java.net.Socket(address.getHostString(), address.getPort())) {
                        raw.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
                    }
                    // well framed, but no part header or result header
                    try (var sender = new io.jdranspose.runtime.wire.TcpSender(inbox)) {
                        assertThat(sender.send("garbage".getBytes(), List.of(new byte[] {1, 2, 3}), () -> false)).isTrue();
                        assertThat(sender.send(new byte[0], List.of(), () -> false)).isTrue();
                    }
                }
            }
            p.postMapping(uniform("eiger", 4));
            p.sendSeries("eiger", 4);
            JsonNode progress = p.awaitFinished();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(6);
            assertThat(p.traces().keySet()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aClientWrittenForDransposeWorksUnchanged() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.stream("eiger");
            p.ready();
            var http = java.net.http.HttpClient.newHttpClient();
            var base = p.local.controller().url();
            // the bodies of dranspose's REST API (reference §3), as Python clients send them
            var param = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("api/v1/parameter/roi1"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[10,20]")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(param.statusCode()).isEqualTo(200);
            assertThat(param.body()).matches("\"[0-9a-f]{64}\"");
            String sequence = "{\"parts\":{\"main\":{\"eiger\":[[{\"constraint\":2}],[{\"constraint\":4}],[{\"constraint\":6}],"
                    + "[{\"constraint\":8}]]},\"end\":{\"eiger\":[[{\"constraint\":2}]]}},\"sequence\":[\"main\",\"main\",\"end\"]}";
            var posted = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("api/v1/sequence"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(sequence)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(posted.body()).matches("\"[0-9a-f-]{36}\"");
            p.sendSeries("eiger", 9);
            String body = "";
            for (int i = 0; i < 300; i++) {
                body = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("api/v1/progress")).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"finished\":true")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(body).contains("\"last_assigned\":11", "\"completed_events\":11", "\"total_events\":11",
                    "\"finished\":true");
            var roi = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("api/v1/parameter/roi1")).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(roi.body()).isEqualTo("[10,20]");
            assertThat(roi.headers().firstValue("content-type")).hasValue("application/x.bytes");
        }
    }

    @Test
    void redisIsAsSmallAfterManyScansAsBefore() throws Exception {
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "")) {
            p.worker("w1");
            p.stream("eiger");
            p.ready();
            var commands = p.local.redis().connect().sync();
            p.postMapping(uniform("eiger", 1));
            p.sendSeries("eiger", 1);
            p.awaitFinished();
            // the controller fills in the reducer's declared default (hdf5_prefix) within 2 s: part of the steady state
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (commands.exists(p.local.redis().keys().parameters()) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Set<String> before = new TreeSet<>(commands.keys(p.local.redis().keys().all()));
            for (int scan = 0; scan < 50; scan++) {
                p.postMapping(uniform("eiger", 1));
                p.sendSeries("eiger", 1);
                p.awaitFinished();
            }
            Thread.sleep(300);
            Set<String> after = new TreeSet<>(commands.keys(p.local.redis().keys().all()));
            assertThat(after).isEqualTo(before);
            assertThat(commands.xlen(p.local.redis().keys().updates())).isLessThanOrEqualTo(200);
            assertThat(before).contains(p.local.redis().keys().parameters());
        }
    }
}
