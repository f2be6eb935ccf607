package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scans replacing each other, finishing, and workers that stop reading or go away. */
class ScanLifecycleTest {
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
    void aNewScanAbandonsTheOldOneSoNoFrameOfItCarriesTheNewSerial() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate first = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", first);
            p.assignRange(first, "eiger", 0, 4, "w1");
            List<List<byte[]>> old = Detector.series("/data/first.h5", 3, 100);
            detector.send(old.subList(0, 2));
            List<Received> before = w1.receiveExactly(2);
            assertThat(before).extracting(r -> r.header().scanSerial()).containsOnly(first.serial());

            ScanUpdate second = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", second);
            p.assignRange(second, "eiger", 0, 4, "w1");
            // the rest of the first series reaches the new connection first (once the old one is gone)
            detector.awaitConnection(2);
            Pipeline.sleep(100);
            detector.send(old.subList(2, 5));
            List<List<byte[]>> fresh = Detector.series("/data/second.h5", 3, 200);
            detector.send(fresh);

            List<Received> after = w1.receiveExactly(5);
            assertThat(after).extracting(r -> r.header().scanSerial()).containsOnly(second.serial());
            assertThat(after).extracting(Received::event).containsExactly(0L, 1L, 2L, 3L, 4L);
            for (Received r : after) {
                assertThat(r.frames()).as("event %d", r.event()).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(fresh.get((int) r.event()));
            }
            assertThat(ingester.dropped()).as("the first series' image 1, image 2 and end").isEqualTo(3);
            assertThat(ingester.forwarded()).isEqualTo(7);
        }
    }

    @Test
    void theFinishedUpdateIsReportedOnceAndSetsFinishedUuid() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, 4, "w1");
            detector.send(Detector.series("/data/fin.h5", 3, 10));
            w1.receiveExactly(5);
            assertThat(p.reports(scan)).isEmpty();
            assertThat(p.ingesterState("eiger-ingester").finishedUuid()).isNull();

            p.publish(scan.asFinished());
            MemberState state = p.awaitIngesterState("eiger-ingester",
                    s -> scan.mappingUuid().equals(s.finishedUuid()), Duration.ofSeconds(5));
            assertThat(state.mappingUuid()).isEqualTo(scan.mappingUuid());
            assertThat(p.reports(scan)).containsExactly(new Report.Finished("ingester", "eiger-ingester"));
            // the same update again (e.g. with new parameters) reports nothing more
            p.publish(scan.asFinished().withParameters(java.util.Map.of("x", "v2"), "hash-2"));
            p.awaitIngesterState("eiger-ingester", s -> "hash-2".equals(s.parametersHash()), Duration.ofSeconds(5));
            assertThat(p.reports(scan)).hasSize(1);
            assertThat(detector.sender().awaitPeers(1, Duration.ZERO)).isTrue();
        }
    }

    @Test
    void aFinishedReportNeverRecreatesADeletedReportsStream() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate scan = p.startScan(List.of("eiger"), 5);
            p.awaitOnScan("eiger-ingester", scan);
            p.commands().del(p.keys().reports(scan.mappingUuid()));
            p.publish(scan.asFinished());
            p.awaitIngesterState("eiger-ingester", s -> scan.mappingUuid().equals(s.finishedUuid()),
                    Duration.ofSeconds(5));
            assertThat(p.commands().exists(p.keys().reports(scan.mappingUuid()))).isZero();
        }
    }

    @Test
    void aNewScanIsTakenAtOnceWhileAWorkerThatStoppedReadingBlocksTheStream() throws Exception {
        int images = 400;
        try (Pipeline p = new Pipeline(server.url()); FakeWorker stuck = new FakeWorker(p, "stuck");
             FakeWorker w2 = new FakeWorker(p, "w2"); Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            ScanUpdate first = p.startScan(List.of("eiger"), images + 2);
            p.awaitOnScan("eiger-ingester", first);
            p.assignRange(first, "eiger", 0, images + 1, "stuck");
            Thread sending = Thread.ofVirtual().start(() -> {
                try {
                    detector.send(Detector.series("/data/big.h5", images, 1, 64 * 1024));
                } catch (InterruptedException | RuntimeException ignored) {
                    // the detector is closed under it at the end of the test
                }
            });
            long stalled = awaitStall(ingester);
            assertThat(stalled).as("frames forwarded before the worker's queue was full").isLessThan(images);

            ScanUpdate second = p.startScan(List.of("eiger"), 5);
            long t0 = System.nanoTime();
            p.awaitOnScan("eiger-ingester", second);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            p.assignRange(second, "eiger", 0, 4, "w2");
            sending.join(5000);
            // the detector's leftovers of the first series are dropped; then the new series goes to w2
            detector.awaitConnection(2);
            detector.send(Detector.series("/data/next.h5", 3, 50));
            List<Received> got = w2.receiveExactly(5);
            assertThat(got).extracting(r -> r.header().scanSerial()).containsOnly(second.serial());
        }
    }

    @Test
    void aWorkerWhoseKeyVanishesWhileItsQueueIsFullNoLongerBlocksTheStream() throws Exception {
        int images = 400;
        try (Pipeline p = new Pipeline(server.url()); FakeWorker stuck = new FakeWorker(p, "stuck");
             FakeWorker w2 = new FakeWorker(p, "w2"); Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()),
                     Duration.ofMillis(200));
             LogCapture logs = new LogCapture()) {
            ScanUpdate scan = p.startScan(List.of("eiger"), images + 2);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, images + 1, "stuck", "w2");
            Thread sending = Thread.ofVirtual().start(() -> {
                try {
                    detector.send(Detector.series("/data/big.h5", images, 1, 64 * 1024));
                } catch (InterruptedException | RuntimeException ignored) {
                    // closed at the end of the test
                }
            });
            List<Received> toW2 = new ArrayList<>();
            long stalled = awaitStall(ingester, w2, toW2);
            assertThat(stalled).isLessThan(images);

            stuck.unregister();
            while (toW2.size() < images + 2) {
                Received r = w2.receive(Duration.ofSeconds(5));
                assertThat(r).as("event %d to w2", toW2.size()).isNotNull();
                toW2.add(r);
            }
            assertThat(toW2).extracting(Received::event).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(0, images + 1).boxed().toList());
            assertThat(ingester.forwarded()).isEqualTo(images + 2);
            assertThat(logs.messages(Level.ERROR)).anySatisfy(m -> assertThat(m).startsWith(
                    "stream eiger: worker stuck left (its member key is gone or names another inbox) while event "));
            sending.join(5000);
            p.awaitIngesterState("eiger-ingester", s -> s.connectedWorkers().equals(List.of("w2")),
                    Duration.ofSeconds(3));
        }
    }

    /** Waits until the forwarded count stops growing for a while; returns it. */
    private static long awaitStall(IngesterService ingester) {
        return awaitStall(ingester, null, null);
    }

    private static long awaitStall(IngesterService ingester, FakeWorker drain, List<Received> drained) {
        long last = -1;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (drain != null) {
                for (Received r = drain.receive(Duration.ofMillis(1)); r != null; r = drain.receive(Duration.ofMillis(1))) {
                    drained.add(r);
                }
            } else {
                Pipeline.sleep(10);
            }
            long now = ingester.forwarded();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - stableSince > Duration.ofMillis(300).toNanos()) {
                return now;
            }
        }
        throw new AssertionError("the ingester never stalled; forwarded " + last);
    }
}
