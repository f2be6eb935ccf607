package io.jdranspose.ingester;

import static io.jdranspose.ingester.Pipeline.assignment;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.wire.PartHeader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frames from a simulated STINS detector reach the assigned workers with the right part headers. */
class ForwardingTest {
    private static RedisServerProcess server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void oneWorkerGetsStartImagesAndEndAsEventsZeroToFourWithTheOriginalBytes() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, 4, "w1");
            List<List<byte[]>> series = Detector.series("/data/one.h5", 3, 10);
            long before = System.nanoTime();
            detector.send(series);

            List<Received> got = w1.receiveExactly(5);
            for (int k = 0; k < 5; k++) {
                PartHeader h = got.get(k).header();
                assertThat(h).isEqualTo(new PartHeader(scan.serial(), k, k - 1, h.ingestNanos(), "eiger", "STINS",
                        series.get(k).size(), List.of("eiger")));
                assertThat(h.ingestNanos() - before).as("ingest time of event %d", k).isPositive();
                assertThat(got.get(k).frames()).as("frames of event %d", k)
                        .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(series.get(k));
            }
            assertThat(got.stream().map(r -> r.header().frameCount()).toList()).containsExactly(1, 2, 2, 2, 1);
            assertThat(ingester.forwarded()).isEqualTo(5);
            assertThat(ingester.dropped()).isZero();

            MemberState state = p.awaitIngesterState("eiger-ingester",
                    s -> s.processedEvents() == 5 && !s.connectedWorkers().isEmpty(), Duration.ofSeconds(3));
            assertThat(state.kind()).isEqualTo("ingester");
            assertThat(state.streams()).containsExactly("eiger");
            assertThat(state.url()).isNull();
            assertThat(state.connectedWorkers()).containsExactly("w1");
            assertThat(state.mappingUuid()).isEqualTo(scan.mappingUuid());
            assertThat(state.parametersHash()).isEqualTo(scan.targetParametersHash());
            assertThat(state.dropped()).isZero();
        }
    }

    @Test
    void twoWorkersGetTheirAlternatingEventsPlusTheBroadcastStartAndEnd() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             FakeWorker w2 = new FakeWorker(p, "w2"); Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 6);
            p.awaitOnScan("eiger-ingester", scan);
            p.assign(scan, assignment(0, "eiger", "w1", "w2"), assignment(1, "eiger", "w1"),
                    assignment(2, "eiger", "w2"));
            p.assign(scan, assignment(3, "eiger", "w1"), assignment(4, "eiger", "w2"),
                    assignment(5, "eiger", "w1", "w2"));
            List<List<byte[]>> series = Detector.series("/data/two.h5", 4, 20);
            detector.send(series);

            List<Received> first = w1.receiveExactly(4);
            List<Received> second = w2.receiveExactly(4);
            assertThat(first).extracting(Received::event).containsExactly(0L, 1L, 3L, 5L);
            assertThat(first).extracting(r -> r.header().previousEvent()).containsExactly(-1L, 0L, 1L, 3L);
            assertThat(second).extracting(Received::event).containsExactly(0L, 2L, 4L, 5L);
            assertThat(second).extracting(r -> r.header().previousEvent()).containsExactly(-1L, 0L, 2L, 4L);
            // the k-th item goes with the k-th assignment: event e carries item e
            for (Received r : first) {
                assertThat(r.frames()).usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(series.get((int) r.event()));
            }
            for (Received r : second) {
                assertThat(r.frames()).usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(series.get((int) r.event()));
            }
            assertThat(ingester.forwarded()).isEqualTo(6);
        }
    }

    @Test
    void emptyCellConsumesAFrameWithoutSendingItAndAbsentCellConsumesNone() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate scan = p.startScan(List.of("eiger", "other"), 6);
            p.awaitOnScan("eiger-ingester", scan);
            p.assign(scan,
                    assignment(0, "eiger", List.of("w1")),
                    assignment(1, "eiger", List.of()),                        // image 0: consumed, discarded
                    assignment(2, "other", List.of("w1")),                    // no eiger frame in event 2
                    assignment(3, "eiger", List.of("w1")),                    // image 1
                    assignment(4, "eiger", List.of("w1"), "other", List.of("w1")), // image 2
                    assignment(5, "eiger", List.of("w1")));                   // end
            List<List<byte[]>> series = Detector.series("/data/cells.h5", 3, 30);
            detector.send(series);

            List<Received> got = w1.receiveExactly(4);
            assertThat(got).extracting(Received::event).containsExactly(0L, 3L, 4L, 5L);
            // previous events count the other stream's event 2 too
            assertThat(got).extracting(r -> r.header().previousEvent()).containsExactly(-1L, 2L, 3L, 4L);
            assertThat(got).extracting(r -> r.header().eventStreams()).containsExactly(List.of("eiger"),
                    List.of("eiger"), List.of("eiger", "other"), List.of("eiger"));
            int[] itemOfEvent = {0, -1, -1, 2, 3, 4};
            for (Received r : got) {
                assertThat(r.frames()).as("event %d", r.event()).usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(series.get(itemOfEvent[(int) r.event()]));
            }
            assertThat(ingester.forwarded()).as("the discarded frame counts as forwarded").isEqualTo(5);
            assertThat(ingester.dropped()).isZero();
        }
    }

    @Test
    void junkBeforeTheStartAndASecondSeriesAfterTheEndAreDroppedAndCounted() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()));
             LogCapture logs = new LogCapture()) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, 4, "w1");
            List<List<byte[]>> series = Detector.series("/data/junk.h5", 3, 40);
            detector.send(List.of(List.of("emptyness".getBytes()), series.get(1)));  // junk, an image before a start
            detector.send(series);
            detector.send(Detector.series("/data/next.h5", 2, 50));                  // 4 messages after the end

            List<Received> got = w1.receiveExactly(5);
            assertThat(got).extracting(Received::event).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(got.get(0).frames().get(0)).isEqualTo(series.get(0).get(0));
            Pipeline.await("6 dropped messages", () -> ingester.dropped() == 6, Duration.ofSeconds(3));
            assertThat(ingester.forwarded()).isEqualTo(5);
            assertThat(logs.messages(Level.WARN)).anySatisfy(m -> assertThat(m)
                    .startsWith("stream eiger: dropped upstream message 0 (unparsable, waiting for the series start)"));
            assertThat(logs.messages(Level.WARN)).anySatisfy(m -> assertThat(m)
                    .startsWith("stream eiger: dropped upstream message 1 (data while waiting for the series start)"));
            p.awaitIngesterState("eiger-ingester", s -> s.dropped() == 6, Duration.ofSeconds(3));
        }
    }

    @Test
    void framesWaitForTheirAssignmentsInsteadOfBeingDropped() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, 1, "w1");
            detector.send(Detector.series("/data/wait.h5", 3, 60));

            assertThat(w1.receive(Duration.ofSeconds(5)).event()).isZero();
            assertThat(w1.receive(Duration.ofSeconds(5)).event()).isOne();
            assertThat(w1.receive(Duration.ofMillis(300))).as("an event without assignment").isNull();
            assertThat(ingester.dropped()).isZero();
            assertThat(ingester.forwarded()).isEqualTo(2);

            p.assignRange(scan, "eiger", 2, 4, "w1");
            List<Received> rest = w1.receiveExactly(3);
            assertThat(rest).extracting(Received::event).containsExactly(2L, 3L, 4L);
            assertThat(ingester.dropped()).isZero();
        }
    }

    @Test
    void aWorkerRegisteredAfterTheLastDirectoryRefreshIsLookedUpWhenFirstAssigned() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); Detector detector = Detector.push();
             // the directory never refreshes on its own: only the direct lookup can find w1
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()),
                     Duration.ofHours(1));
             FakeWorker w1 = new FakeWorker(p, "w1")) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, 4, "w1");
            detector.send(Detector.series("/data/late.h5", 3, 70));
            assertThat(w1.receiveExactly(5)).extracting(Received::event).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void anUnregisteredWorkerIsSkippedWithAnErrorAndTheOthersStillGetTheirFrames() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()));
             LogCapture logs = new LogCapture()) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, 4, "ghost", "w1");
            detector.send(Detector.series("/data/ghost.h5", 3, 80));

            List<Received> got = w1.receiveExactly(5);
            assertThat(got).extracting(r -> r.header().previousEvent()).containsExactly(-1L, 0L, 1L, 2L, 3L);
            assertThat(ingester.forwarded()).isEqualTo(5);
            assertThat(logs.messages(Level.ERROR)).containsExactly("stream eiger: event 0 is assigned to worker ghost, "
                    + "which is not registered; its frames are not sent");
        }
    }

    @Test
    void anInvalidAssignmentEntryIsSkippedWithAnErrorNamingItsId() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()));
             LogCapture logs = new LogCapture()) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, 1, "w1");
            String bad = p.commands().xadd(p.keys().assigned(scan.mappingUuid()),
                    java.util.Map.of("data", "[{\"event_number\": -3}]".getBytes()));
            p.assignRange(scan, "eiger", 2, 4, "w1");
            detector.send(Detector.series("/data/bad.h5", 3, 90));

            assertThat(w1.receiveExactly(5)).extracting(Received::event).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(logs.messages(Level.ERROR)).singleElement().asString()
                    .startsWith("stream eiger: skipped invalid assignment entry " + bad + " on "
                            + p.keys().assigned(scan.mappingUuid()) + ": ");
        }
    }

    @Test
    void aStreamThatIsNotInTheScanNeverConnectsToTheDetector() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate scan = p.startScan(List.of("other"), 5);
            MemberState state = p.awaitOnScan("eiger-ingester", scan);
            assertThat(state.mappingUuid()).isEqualTo(scan.mappingUuid());
            assertThat(detector.sender().awaitPeers(1, Duration.ofMillis(300))).isFalse();

            ScanUpdate next = p.startScan(List.of("eiger", "other"), 5);
            p.awaitOnScan("eiger-ingester", next);
            assertThat(detector.sender().awaitPeers(1, Duration.ofSeconds(5))).isTrue();
        }
    }
}
