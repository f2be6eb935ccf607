package io.jdranspose.ingester;

import static io.jdranspose.ingester.Pipeline.assignment;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.ingester.protocol.StinsProtocol;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.recording.Recorded;
import io.jdranspose.runtime.recording.RecordingReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans recorded as upstream ingesters record them (reference §6.1), readable by runtime's reader. */
class RecordingTest {
    private static RedisServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void theDumpPathRecordsEveryConsumedEventIncludingDiscardedOnesAndAppendsLaterScans() throws Exception {
        Path dump = dir.resolve("eiger.cbors");
        IngesterConfig config = new IngesterConfig("rec", "eiger", "tcp://127.0.0.1:1", UpstreamSocket.PULL,
                new StinsProtocol(), dump, 1000);
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), withUpstream(config, detector.url()))) {
            Instant start = Instant.now().minusSeconds(1);
            // the dump path wins over the controller's dump_prefix
            ScanUpdate first = p.startScan(List.of("eiger"), 5, dir.resolve("prefix_").toString());
            List<List<byte[]>> firstSeries = runScan(p, first, 1, detector, w1, 10);
            assertThat(Files.exists(dump)).isTrue();
            ScanUpdate second = p.startScan(List.of("eiger"), 5);
            List<List<byte[]>> secondSeries = runScan(p, second, 2, detector, w1, 20);

            List<Recorded> records = read(dump);
            assertThat(records).extracting(Recorded::eventNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 0L, 1L, 2L, 3L, 4L);
            for (int i = 0; i < 10; i++) {
                Recorded r = records.get(i);
                List<byte[]> expected = (i < 5 ? firstSeries : secondSeries).get(i % 5);
                assertThat(r.streams()).containsOnlyKeys("eiger");
                assertThat(r.streams().get("eiger").type()).isEqualTo("STINS");
                assertThat(r.streams().get("eiger").frames()).as("record %d", i)
                        .usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
                assertThat(r.createdAt()).isAfter(start).isBefore(Instant.now());
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("eiger.cbors");
            }
        }
    }

    @Test
    void theDumpPrefixNamesTheRecordingAfterTheIngesterAndTheScan() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push();
             IngesterService ingester = IngesterService.start(p.redis(), IngesterConfig.of("eiger", detector.url()))) {
            String prefix = dir.resolve("dump_").toString();
            ScanUpdate scan = p.startScan(List.of("eiger"), 5, prefix);
            List<List<byte[]>> series = runScan(p, scan, 1, detector, w1, 30);

            Path expected = Path.of(prefix + "eiger-ingester-" + scan.mappingUuid() + ".cbors");
            List<Recorded> records = read(expected);
            assertThat(records).extracting(Recorded::eventNumber).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(records.get(4).streams().get("eiger").frames().get(0)).isEqualTo(series.get(4).get(0));

            // a scan without dump_prefix records nothing
            ScanUpdate next = p.startScan(List.of("eiger"), 5);
            runScan(p, next, 2, detector, w1, 40);
            try (var files = Files.list(dir)) {
                assertThat(files).containsExactly(expected);
            }
        }
    }

    /**
     * One scan of 3 images whose event 2 is a {@code []} cell; finishes it and waits for the ingester's
     * finished state (the recording is closed by then).
     */
    private static List<List<byte[]>> runScan(Pipeline p, ScanUpdate scan, int scanIndex, Detector detector,
                                              FakeWorker worker, int seed) throws InterruptedException {
        p.awaitOnScan(p.ingesterNames().get(0), scan);
        p.assign(scan, assignment(0, "eiger", "w1"), assignment(1, "eiger", "w1"), assignment(2, "eiger"),
                assignment(3, "eiger", "w1"), assignment(4, "eiger", "w1"));
        List<List<byte[]>> series = Detector.series("/data/rec" + seed + ".h5", 3, seed);
        detector.awaitConnection(scanIndex);
        detector.send(series);
        assertThat(worker.receiveExactly(4)).extracting(Received::event).containsExactly(0L, 1L, 3L, 4L);
        p.publish(scan.asFinished());
        p.awaitIngesterState(p.ingesterNames().get(0), s -> scan.mappingUuid().equals(s.finishedUuid()),
                Duration.ofSeconds(5));
        return series;
    }

    private static List<Recorded> read(Path path) throws Exception {
        List<Recorded> records = new ArrayList<>();
        try (RecordingReader reader = RecordingReader.open(path)) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    private static IngesterConfig withUpstream(IngesterConfig c, String url) {
        return new IngesterConfig(c.name(), c.stream(), url, c.socket(), c.protocol(), c.dumpPath(), c.queueFrames());
    }
}
