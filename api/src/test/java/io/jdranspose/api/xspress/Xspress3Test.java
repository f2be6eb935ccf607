package io.jdranspose.api.xspress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.testdata.Captures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Xspress3Test {

    /**
     * The capture's messages grouped as the ingester does: single-part legacy image messages joined with
     * the two that follow them into one three-frame item.
     */
    static List<List<byte[]>> items() {
        List<List<byte[]>> items = new ArrayList<>();
        List<byte[]> pending = null;
        for (List<byte[]> message : Captures.messages("xspress3-dump.cbors")) {
            if (pending != null) {
                pending.add(message.get(0));
                if (pending.size() == Xspress3.IMAGE_FRAMES) {
                    items.add(pending);
                    pending = null;
                }
                continue;
            }
            switch (Xspress3.classify(message)) {
                case IMAGE_HEADER -> pending = new ArrayList<>(message);
                case START, IMAGE, END -> items.add(message);
                case OTHER -> throw new AssertionError("stray message in the capture");
            }
        }
        return items;
    }

    @Test
    void classifiesTheLegacyCaptureMessages() {
        List<List<byte[]>> messages = Captures.messages("xspress3-dump.cbors");
        assertThat(messages).hasSize(62);
        assertThat(Xspress3.classify(messages.get(0))).isEqualTo(Xspress3.MessageKind.START);
        assertThat(Xspress3.classify(messages.get(1))).isEqualTo(Xspress3.MessageKind.IMAGE_HEADER);
        assertThat(Xspress3.classify(messages.get(2))).isEqualTo(Xspress3.MessageKind.OTHER);
        assertThat(Xspress3.classify(messages.get(3))).isEqualTo(Xspress3.MessageKind.OTHER);
        assertThat(Xspress3.classify(messages.get(61))).isEqualTo(Xspress3.MessageKind.END);
        List<byte[]> joined = List.of(messages.get(1).get(0), messages.get(2).get(0), messages.get(3).get(0));
        assertThat(Xspress3.classify(joined)).isEqualTo(Xspress3.MessageKind.IMAGE);
    }

    @Test
    void parsesTheCapture() {
        List<List<byte[]>> items = items();
        assertThat(items).hasSize(22);

        Xspress3Packet.Start start = (Xspress3Packet.Start) Xspress3.parse(StreamData.of(Xspress3.TYPE,
                items.get(0).toArray(byte[][]::new)));
        assertThat(start.filename()).isEqualTo("/data/staff/nanomax/commissioning_2023-2/diff_1130_stream_test/raw/"
                + "dummy/scan_000002_xspress3.hdf5");
        assertThat(start.overwritable()).isFalse();
        assertThat(Xspress3.parse(items.get(21))).isInstanceOf(Xspress3Packet.End.class);

        List<Xspress3Packet.Image> images = items.subList(1, 21).stream()
                .map(i -> (Xspress3Packet.Image) Xspress3.parse(i)).toList();
        assertThat(images).extracting(Xspress3Packet.Image::frame)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        for (Xspress3Packet.Image image : images) {
            assertThat(image.spectra().shape()).containsExactly(4, 4096);
            assertThat(image.spectra().dtype()).isEqualTo(DType.UINT32);
            assertThat(image.exptime()).isEqualTo(0.099999875);
        }
        // Reference values from numpy on the same bytes (src/test/python/captures.py): the dummy source
        // counts almost nothing, 47 counts in all 20 images; image 0 has a single count at channel 3 bin 1,
        // image 19 one at (1, 5), (3, 0) and (3, 1).
        assertThat(images.stream().mapToDouble(i -> i.spectra().sum()).sum()).isEqualTo(47);
        Xspress3Packet.Image first = images.get(0);
        assertThat(first.spectra().sum()).isEqualTo(1);
        assertThat(first.spectra().get(3, 1)).isEqualTo(1);
        Xspress3Packet.Image last = images.get(19);
        assertThat(last.spectra().get(1, 5) + last.spectra().get(3, 0) + last.spectra().get(3, 1)).isEqualTo(3);
        assertThat(last.spectra().sum()).isEqualTo(3);

        // Meta of image 0 and 19, printed by Python's pickle.loads on the capture's third frames.
        Xspress3Packet.Meta m0 = first.meta();
        assertThat(m0.ocr().toDoubles()).containsExactly(0, 0, 0, 1.5625019531274415e-15);
        assertThat(m0.allEvents().toDoubles()).containsExactly(2, 0, 0, 3);
        assertThat(m0.allGood().toDoubles()).containsExactly(0, 0, 0, 1);
        assertThat(m0.clockTicks().toDoubles()).containsExactly(7999990, 7999990, 7999990, 7999990);
        assertThat(m0.totalTicks().toDoubles()).containsExactly(7999990, 7999990, 7999990, 7999990);
        assertThat(m0.resetTicks().toDoubles()).containsExactly(0, 0, 0, 91);
        assertThat(m0.eventWidths().dtype()).isEqualTo(DType.INT32);
        assertThat(m0.eventWidths().toDoubles()).containsExactly(6, 6, 6, 6);
        assertThat(m0.dtc().toDoubles()).containsExactly(1.00000175000525, 1.0, 1.0, 1.0000140002135032);
        Xspress3Packet.Meta m19 = last.meta();
        assertThat(m19.ocr().toDoubles()).containsExactly(0.0, 1.5625019531274415e-15, 0.0, 3.125003906254883e-15);
        assertThat(m19.allEvents().toDoubles()).containsExactly(0, 2, 0, 8);
        assertThat(m19.resetTicks().toDoubles()).containsExactly(0, 0, 0, 182);
        assertThat(m19.dtc().toDoubles()).containsExactly(1.0, 1.00000175000525, 1.0, 1.0000297509222786);
    }

    @Test
    void malformedImagesSayWhatIsWrong() {
        List<byte[]> image = items().get(1);
        assertThatThrownBy(() -> Xspress3.parse(image.subList(0, 2)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("Xspress3 image 0 has 2 frames, expected 3 (header, spectra, meta pickle)");
        assertThatThrownBy(() -> Xspress3.parse(List.of(image.get(0), new byte[10], image.get(2))))
                .hasMessageStartingWith("Xspress3 image 0 spectra: shape [4, 4096] of uint32 needs 65536 bytes");
        assertThatThrownBy(() -> Xspress3.parse(List.of(image.get(0), image.get(1), new byte[] {'.'})))
                .hasMessageStartingWith("Xspress3 image 0 meta: pickle: stack underflow");
        assertThatThrownBy(() -> Xspress3.parse(List.of(bytes("{\"htype\":\"image\"}"))))
                .hasMessage("Xspress3 image header has no integer 'frame'");
        assertThatThrownBy(() -> Xspress3.parse(List.of(bytes("[1]"))))
                .hasMessage("Xspress3 header frame is not a JSON object: '[1]'");
        assertThatThrownBy(() -> Xspress3.parse(List.of(bytes("{\"htype\":\"foo\"}"))))
                .hasMessage("Xspress3 header has unknown htype 'foo'");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
