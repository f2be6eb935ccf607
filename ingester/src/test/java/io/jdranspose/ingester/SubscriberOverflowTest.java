package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.jdranspose.ingester.protocol.StinsProtocol;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.ScanUpdate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A SUB ingester cannot slow its detector down: it queues a bounded number of frames and counts the rest. */
class SubscriberOverflowTest {
    private static final Pattern WARNING = Pattern.compile(
            "stream eiger: dropped (\\d+) frames, workers are slower than the source");
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
    void framesBeyondTheQueueAreDroppedCountedAndWarnedAboutWhileTheQueuedOnesGoOut() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.pub(); LogCapture logs = new LogCapture()) {
            IngesterConfig config = new IngesterConfig("sub", "eiger", detector.url(), UpstreamSocket.SUB,
                    new StinsProtocol(), null, 5);
            try (IngesterService ingester = IngesterService.start(p.redis(), config)) {
                ScanUpdate scan = p.startScan(List.of("eiger"), 31);
                p.awaitOnScan("sub", scan);
                List<List<byte[]>> series = Detector.series("/data/sub.h5", 29, 1); // 31 messages
                detector.send(series);                 // no assignment yet: 5 fit, 26 do not
                Pipeline.await("26 dropped", () -> ingester.dropped() == 26, Duration.ofSeconds(5));
                Pipeline.sleep(100);
                assertThat(ingester.dropped()).isEqualTo(26);
                assertThat(ingester.forwarded()).isZero();

                p.assignRange(scan, "eiger", 0, 30, "w1");
                List<Received> got = w1.receiveExactly(5);
                assertThat(got).extracting(Received::event).containsExactly(0L, 1L, 2L, 3L, 4L);
                for (Received r : got) {
                    assertThat(r.frames()).usingElementComparator(Arrays::compare)
                            .containsExactlyElementsOf(series.get((int) r.event()));
                }
                p.publish(scan.asFinished());
                p.awaitIngesterState("sub", s -> scan.mappingUuid().equals(s.finishedUuid()) && s.dropped() == 26,
                        Duration.ofSeconds(5));
            }
            List<String> warnings = logs.messages(Level.WARN).stream().filter(m -> WARNING.matcher(m).matches())
                    .toList();
            assertThat(warnings.size()).as("at most one warning a second, plus one at the end").isBetween(1, 3);
            assertThat(warnings.stream().mapToLong(SubscriberOverflowTest::count).sum()).isEqualTo(26);
        }
    }

    @Test
    void aSubscriberKeepsReadingWhileAWorkerBlocksAndCountsWhatDoesNotFit() throws Exception {
        int images = 300;
        try (Pipeline p = new Pipeline(server.url()); FakeWorker stuck = new FakeWorker(p, "stuck");
             Detector detector = Detector.pub()) {
            IngesterConfig config = new IngesterConfig("sub", "eiger", detector.url(), UpstreamSocket.SUB,
                    new StinsProtocol(), null, 10);
            try (IngesterService ingester = IngesterService.start(p.redis(), config)) {
                ScanUpdate scan = p.startScan(List.of("eiger"), images + 2);
                p.awaitOnScan("sub", scan);
                p.assignRange(scan, "eiger", 0, images + 1, "stuck");
                // frames of 64 KiB fill the worker's queue and the TCP buffers long before the series ends
                detector.send(Detector.series("/data/sub.h5", images, 1, 64 * 1024));
                // every message is accounted for: forwarded, the one waiting for the worker, the 10 queued, or
                // dropped (the kernel may still take a little of the waiting one late, and then the next from the
                // queue waits: so the held ones are 1 to 11 once nothing moves any more)
                int waiting = 1 + 10;
                Pipeline.await("all messages read", () -> ingester.forwarded() + ingester.dropped() + waiting
                        >= images + 2, Duration.ofSeconds(10));
                long accounted;
                do {
                    accounted = ingester.forwarded() + ingester.dropped();
                    Pipeline.sleep(300);
                } while (accounted != ingester.forwarded() + ingester.dropped());
                assertThat(ingester.forwarded()).as("frames the blocked worker took").isLessThan(images);
                assertThat(images + 2 - accounted).as("messages held by the ingester").isBetween(1L, (long) waiting);
            }
        }
    }

    private static long count(String message) {
        Matcher m = WARNING.matcher(message);
        assertThat(m.matches()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
