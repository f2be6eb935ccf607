package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.StreamData;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import io.jdranspose.ingester.protocol.StinsProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesCutterTest {
    @Test
    void forwardsExactlyOneSeriesAndDropsJunkAroundIt() {
        SeriesCutter cutter = new SeriesCutter("eiger", new StinsProtocol());
        List<List<byte[]>> upstream = List.of(
                List.of(bytes("emptyness")),
                image(5),                                    // data before any start
                List.of(bytes("{\"htype\":\"header\",\"filename\":\"a.h5\",\"msg_number\":0}")),
                image(0),
                List.of(bytes("{not json")),                 // unparsable in the series
                image(1),
                List.of(bytes("{\"htype\":\"series_end\",\"msg_number\":3}")),
                image(2),                                    // after the end
                List.of(bytes("{\"htype\":\"header\",\"filename\":\"b.h5\",\"msg_number\":0}")));
        List<StreamData> forwarded = new ArrayList<>();
        for (List<byte[]> m : upstream) {
            forwarded.addAll(cutter.accept(m));
        }
        assertThat(forwarded).extracting(StreamData::type).containsOnly("STINS");
        assertThat(forwarded).extracting(s -> Stins.parse(s).getClass().getSimpleName())
                .containsExactly("Start", "Image", "Image", "End");
        assertThat(forwarded.subList(1, 3)).extracting(s -> ((StinsPacket.Image) Stins.parse(s)).frame())
                .containsExactly(0L, 1L);
        assertThat(((StinsPacket.Start) Stins.parse(forwarded.get(0))).filename()).isEqualTo("a.h5");
        assertThat(cutter.ended()).isTrue();
        assertThat(cutter.forwarded()).isEqualTo(4);
        assertThat(cutter.dropped()).isEqualTo(5);
    }

    @Test
    void framesAreForwardedWithoutCopying() {
        SeriesCutter cutter = new SeriesCutter("eiger", new StinsProtocol());
        cutter.accept(List.of(bytes("{\"htype\":\"header\",\"msg_number\":0}")));
        List<byte[]> img = image(0);
        assertThat(cutter.accept(img)).singleElement().satisfies(s -> assertThat(s.frames().get(1)).isSameAs(img.get(1)));
    }

    @Test
    void aFloodOfDroppedMessagesIsLoggedOneByOneOnlyAtFirst() {
        SeriesCutter cutter = new SeriesCutter("eiger", new StinsProtocol());
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                assertThat(cutter.accept(image(i))).isEmpty();
            }
            List<String> warnings = logs.messages(ch.qos.logback.classic.Level.WARN);
            assertThat(warnings).hasSize(SeriesCutter.LOGGED_INDIVIDUALLY + 1);
            assertThat(warnings.get(9)).isEqualTo(
                    "stream eiger: dropped upstream message 9 (data while waiting for the series start)");
            assertThat(warnings.get(10)).isEqualTo("stream eiger: further dropped upstream messages of this scan are "
                    + "only counted (at most one line a second)");
        }
        assertThat(cutter.dropped()).isEqualTo(100);
    }

    private static List<byte[]> image(int frame) {
        return List.of(bytes("{\"htype\":\"image\",\"frame\":" + frame
                + ",\"shape\":[2],\"type\":\"uint8\",\"compression\":\"none\",\"msg_number\":" + (frame + 1) + "}"),
                new byte[] {1, 2});
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
