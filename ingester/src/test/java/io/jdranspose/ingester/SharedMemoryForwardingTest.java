package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.wire.PartHeader;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames to a worker that shares the ingester's shared-memory directory go through a ring. */
class SharedMemoryForwardingTest {
    private static final long RING = 256 << 10;
    private static RedisServerProcess server;

    @TempDir
    Path shmDir;
    @TempDir
    Path otherDir;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    private static IngesterService ingester(Pipeline p, Detector detector, SharedMemoryDirectory shm) {
        return ingester(p, detector, shm, RING);
    }

    private static IngesterService ingester(Pipeline p, Detector detector, SharedMemoryDirectory shm, long ring) {
        return IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()), Duration.ofMillis(100),
                shm, ring);
    }

    private static void assertSameFrames(Received got, List<byte[]> sent, String what) {
        assertThat(got.frames()).as("frames of %s", what).usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(sent);
    }

    private List<String> ringFiles() throws Exception {
        try (Stream<Path> files = Files.list(shmDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("jdranspose-ring-")).toList();
        }
    }

    @Test
    void largeFramesGoThroughARingManyTimesItsSizeIntactAndInOrderAndTheRingIsRemovedAtTheEnd() throws Exception {
        SharedMemoryDirectory shm = new SharedMemoryDirectory(shmDir);
        int images = 40;
        List<List<byte[]>> series = Detector.series("/data/big.h5", images, 3, 50_000);
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1", shm);
             Detector detector = Detector.push()) {
            try (IngesterService ingester = ingester(p, detector, shm)) {
                ScanUpdate scan = p.startScan(List.of("eiger"), images + 2);
                p.awaitOnScan("eiger-ingester", scan);
                p.assignRange(scan, "eiger", 0, images + 1, "w1");
                detector.send(series);

                List<Received> got = w1.receiveExactly(images + 2);
                for (int k = 0; k < images + 2; k++) {
                    assertThat(got.get(k).header()).isEqualTo(new PartHeader(scan.serial(), k, k - 1,
                            got.get(k).header().ingestNanos(), "eiger", "STINS", series.get(k).size(), List.of("eiger")));
                    assertSameFrames(got.get(k), series.get(k), "event " + k);
                }
                assertThat(w1.viaSharedMemory()).as("the images; start and end are small and go packed")
                        .isEqualTo(images);
                assertThat(ringFiles()).singleElement().satisfies(n -> assertThat(n).startsWith(
                        "jdranspose-ring-" + ProcessHandle.current().pid() + "-eiger-ingester-w1-"));
                assertThat(ingester.dropped()).isZero();
            }
            assertThat(ringFiles()).as("removed when the ingester stops").isEmpty();
        }
    }

    @Test
    void arraysOfLargeFramesAreReceivedIntoAgainOnceEveryWorkerHasACopy() throws Exception {
        // near: shares the directory (ring, a copy); far: does not (the socket, written before the send returns)
        SharedMemoryDirectory shm = new SharedMemoryDirectory(shmDir);
        int images = 90;
        List<List<byte[]>> series = Detector.series("/data/big.h5", images, 11, 100_000);
        try (Pipeline p = new Pipeline(server.url()); FakeWorker near = new FakeWorker(p, "near", shm);
             FakeWorker far = new FakeWorker(p, "far", new SharedMemoryDirectory(otherDir));
             Detector detector = Detector.push();
             IngesterService ingester = ingester(p, detector, shm, 4 << 20)) {
            ScanUpdate scan = p.startScan(List.of("eiger"), images + 2);
            p.awaitOnScan("eiger-ingester", scan);
            // events 0..29 and the end to near only, 30..59 to far only, 60..89 to both
            List<Integer> nearEvents = new java.util.ArrayList<>();
            List<Integer> farEvents = new java.util.ArrayList<>();
            Assignment[] batch = new Assignment[images + 2];
            for (int k = 0; k < images + 2; k++) {
                int image = k - 1;
                boolean toNear = k == 0 || image < 30 || image >= 60;
                boolean toFar = image >= 30 && image < images;
                if (toNear) {
                    nearEvents.add(k);
                }
                if (toFar) {
                    farEvents.add(k);
                }
                batch[k] = Pipeline.assignment(k, "eiger", toNear && toFar ? new String[] {"near", "far"}
                        : toNear ? new String[] {"near"} : new String[] {"far"});
            }
            p.assign(scan, batch);
            detector.send(series);

            // far is read at the same time: what it has not read holds up the events that also go to near
            var atFarLater = java.util.concurrent.CompletableFuture.supplyAsync(() -> far.receiveExactly(farEvents.size()));
            List<Received> atNear = near.receiveExactly(nearEvents.size());
            List<Received> atFar = atFarLater.get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (int i = 0; i < nearEvents.size(); i++) {
                assertSameFrames(atNear.get(i), series.get(nearEvents.get(i)), "event " + nearEvents.get(i) + " at near");
            }
            for (int i = 0; i < farEvents.size(); i++) {
                assertSameFrames(atFar.get(i), series.get(farEvents.get(i)), "event " + farEvents.get(i) + " at far");
            }
            // the frames reached both workers intact (above), though every array was received into again
            assertThat(ingester.recycled()).as("every event's arrays, once sent").isEqualTo(images + 2);
        }
    }

    @Test
    void aWorkerWhoseProbeIsNotInTheIngestersDirectoryGetsItsFramesThroughTheSocket() throws Exception {
        int images = 5;
        List<List<byte[]>> series = Detector.series("/data/big.h5", images, 7, 50_000);
        try (Pipeline p = new Pipeline(server.url());
             FakeWorker w1 = new FakeWorker(p, "w1", new SharedMemoryDirectory(otherDir));
             Detector detector = Detector.push();
             IngesterService ingester = ingester(p, detector, new SharedMemoryDirectory(shmDir))) {
            ScanUpdate scan = p.startScan(List.of("eiger"), images + 2);
            p.awaitOnScan("eiger-ingester", scan);
            p.assignRange(scan, "eiger", 0, images + 1, "w1");
            detector.send(series);

            List<Received> got = w1.receiveExactly(images + 2);
            for (int k = 0; k < images + 2; k++) {
                assertSameFrames(got.get(k), series.get(k), "event " + k);
            }
            assertThat(w1.viaSharedMemory()).isZero();
            assertThat(ringFiles()).isEmpty();
        }
    }

    @Test
    void aNewScanIsTakenAtOnceWhileTheIngesterWaitsForRoomInTheRingOfAWorkerThatStoppedReading() throws Exception {
        SharedMemoryDirectory shm = new SharedMemoryDirectory(shmDir);
        int images = 60;
        try (Pipeline p = new Pipeline(server.url()); FakeWorker stuck = new FakeWorker(p, "stuck", shm);
             FakeWorker w2 = new FakeWorker(p, "w2", shm); Detector detector = Detector.push();
             IngesterService ingester = ingester(p, detector, shm)) {
            ScanUpdate first = p.startScan(List.of("eiger"), images + 2);
            p.awaitOnScan("eiger-ingester", first);
            p.assignRange(first, "eiger", 0, images + 1, "stuck");
            Thread sending = Thread.ofVirtual().start(() -> {
                try {
                    detector.send(Detector.series("/data/big.h5", images, 1, 60_000));
                } catch (InterruptedException | RuntimeException ignored) {
                    // the detector is closed under it at the end of the test
                }
            });
            long stalled = awaitStall(ingester);
            assertThat(stalled).as("images that fit the ring of 256 KiB, plus the start").isBetween(2L, 6L);

            ScanUpdate second = p.startScan(List.of("eiger"), 5);
            long t0 = System.nanoTime();
            p.awaitOnScan("eiger-ingester", second);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            p.assignRange(second, "eiger", 0, 4, "w2");
            sending.join(5000);
            detector.awaitConnection(2);
            List<List<byte[]>> next = Detector.series("/data/next.h5", 3, 50, 60_000);
            detector.send(next);
            List<Received> got = w2.receiveExactly(5);
            assertThat(got).extracting(r -> r.header().scanSerial()).containsOnly(second.serial());
            for (int k = 0; k < 5; k++) {
                assertSameFrames(got.get(k), next.get(k), "event " + k);
            }
            assertThat(w2.viaSharedMemory()).isEqualTo(3);
        }
    }

    private static long awaitStall(IngesterService ingester) {
        long last = -1;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Pipeline.sleep(10);
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
