package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.StreamData;
import io.jdranspose.ingester.protocol.MultipartProtocol;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.ScanUpdate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Any multipart": every message is an event; the first opens the series, nothing ends it. */
class MultipartProtocolTest {
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
    void theCutterForwardsEveryMessageFromTheFirstOnAndNeverEnds() {
        SeriesCutter cutter = new SeriesCutter("raw", new MultipartProtocol());
        List<byte[]> first = List.of(new byte[] {1});
        StreamData item = cutter.accept(first).get(0);
        assertThat(item.type()).isEqualTo("multipart");
        assertThat(item.frames().get(0)).isSameAs(first.get(0));
        for (int i = 0; i < 5; i++) {
            // even what looks like a STINS end is just data here
            assertThat(cutter.accept(List.of("{\"htype\":\"series_end\",\"msg_number\":1}".getBytes(), new byte[i])))
                    .hasSize(1);
        }
        assertThat(cutter.ended()).isFalse();
        assertThat(cutter.forwarded()).isEqualTo(6);
        assertThat(cutter.dropped()).isZero();
    }

    @Test
    void messagesBecomeEventsWithTheirPartsAndThoseBeyondTheMapAreDropped() throws Exception {
        try (Pipeline p = new Pipeline(server.url()); FakeWorker w1 = new FakeWorker(p, "w1");
             Detector detector = Detector.push()) {
            IngesterConfig config = new IngesterConfig("raw-ingester", "raw", detector.url(), UpstreamSocket.PULL,
                    new MultipartProtocol(), null, 1000);
            try (IngesterService ingester = IngesterService.start(p.redis(), config)) {
                ScanUpdate scan = p.startScan(List.of("raw"), 3);
                p.awaitOnScan("raw-ingester", scan);
                p.assignRange(scan, "raw", 0, 2, "w1");
                List<List<byte[]>> messages = List.of(
                        List.of(new byte[] {0, 1, 2}),
                        List.of("{\"not\":\"stins\"}".getBytes(), new byte[0]),
                        List.of(new byte[] {7}, new byte[] {8}, new byte[] {9}),
                        List.of(new byte[] {10}),
                        List.of(new byte[] {11}));
                detector.send(messages);

                List<Received> got = w1.receiveExactly(3);
                for (int k = 0; k < 3; k++) {
                    Received r = got.get(k);
                    assertThat(r.event()).isEqualTo(k);
                    assertThat(r.header().type()).isEqualTo("multipart");
                    assertThat(r.header().stream()).isEqualTo("raw");
                    assertThat(r.frames()).usingElementComparator(Arrays::compare)
                            .containsExactlyElementsOf(messages.get(k));
                }
                Pipeline.await("2 messages beyond the map dropped", () -> ingester.dropped() == 2,
                        Duration.ofSeconds(3));
                assertThat(ingester.forwarded()).isEqualTo(3);
            }
        }
    }
}
