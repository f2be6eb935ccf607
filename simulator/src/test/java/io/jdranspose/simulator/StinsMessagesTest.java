package io.jdranspose.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class StinsMessagesTest {

    @Test
    void headersAreByteExactCompactJson() {
        assertThat(text(StinsMessages.start("/data/scan1.h5").get(0)))
                .isEqualTo("{\"htype\":\"header\",\"filename\":\"/data/scan1.h5\",\"msg_number\":0}");
        List<byte[]> image = StinsMessages.image(4, new int[] {16, 12}, DType.UINT16, new byte[16 * 12 * 2]);
        assertThat(text(image.get(0))).isEqualTo(
                "{\"htype\":\"image\",\"frame\":4,\"shape\":[16,12],\"type\":\"uint16\",\"compression\":\"none\",\"msg_number\":5}");
        assertThat(text(StinsMessages.end(11).get(0))).isEqualTo("{\"htype\":\"series_end\",\"msg_number\":11}");
        assertThat(StinsMessages.start("").get(0)).isEqualTo(
                "{\"htype\":\"header\",\"filename\":\"\",\"msg_number\":0}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void imageKeepsThePixelBytesAndChecksTheirSize() {
        byte[] pixels = new byte[8 * 4];
        List<byte[]> image = StinsMessages.image(0, new int[] {2, 4}, DType.FLOAT32, pixels);

        assertThat(image).hasSize(2);
        assertThat(image.get(1)).isSameAs(pixels);
        assertThatThrownBy(() -> StinsMessages.image(0, new int[] {3, 4}, DType.FLOAT32, pixels))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void seriesIsStartImagesEndAndParsesWithTheApiParser() {
        DiffractionFrames frames = DiffractionFrames.builder(20, 30, DType.UINT16).seed(4).build();
        List<List<byte[]>> series = collect(StinsMessages.series(frames, 3, "scan.h5"));

        assertThat(series).hasSize(5);
        assertThat(Stins.parse(series.get(0))).isInstanceOfSatisfying(StinsPacket.Start.class,
                start -> assertThat(start.filename()).isEqualTo("scan.h5"));
        for (int k = 0; k < 3; k++) {
            StinsPacket.Image image = Stins.parse(series.get(k + 1)).image();
            assertThat(image.frame()).isEqualTo(k);
            assertThat(image.msgNumber()).isEqualTo(k + 1);
            assertThat(image.shape()).containsExactly(20, 30);
            assertThat(image.dtype()).isEqualTo(DType.UINT16);
            assertThat(image.raw()).isEqualTo(frames.frame(k));
        }
        assertThat(Stins.parse(series.get(4))).isInstanceOfSatisfying(StinsPacket.End.class,
                end -> assertThat(end.msgNumber()).isEqualTo(4));
    }

    @Test
    void emptySeriesHasStartAndEndOnlyAndThenStops() {
        Iterator<List<byte[]>> series = StinsMessages.series("", 0, new int[] {1, 1}, DType.UINT8, k -> new byte[1]);

        assertThat(text(series.next().get(0))).contains("\"htype\":\"header\"");
        assertThat(text(series.next().get(0))).isEqualTo("{\"htype\":\"series_end\",\"msg_number\":1}");
        assertThat(series.hasNext()).isFalse();
        assertThatThrownBy(series::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void fileNamesWithQuotesAndControlCharactersStayValidJson() {
        String name = "we\"ird\\name\n\u0001.h5";
        StinsPacket packet = Stins.parse(StinsMessages.start(name));

        assertThat(((StinsPacket.Start) packet).filename()).isEqualTo(name);
    }

    static List<List<byte[]>> collect(Iterator<List<byte[]>> messages) {
        List<List<byte[]>> all = new ArrayList<>();
        messages.forEachRemaining(all::add);
        return all;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
