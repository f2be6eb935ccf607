package io.jdranspose.api.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.pcap.PositionCaptureFramer.Frame;
import io.jdranspose.api.pcap.PositionCaptureFramer.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionCaptureTest {
    /** Two arms on one connection after the OK reply, as PandA sends them (reference §5.9). */
    static byte[] twoArms() throws IOException {
        try (InputStream in = PositionCaptureTest.class.getResourceAsStream("position-capture-2-arms.txt")) {
            return in.readAllBytes();
        }
    }

    @Test
    void framesTheTwoArms() throws IOException {
        List<Frame> frames = new PositionCaptureFramer().feed(twoArms());
        assertThat(frames).extracting(Frame::kind).containsExactly(Kind.IGNORED,
                Kind.HEADER, Kind.DATA, Kind.DATA, Kind.DATA, Kind.DATA, Kind.END,
                Kind.HEADER, Kind.DATA, Kind.DATA, Kind.END);
        assertThat(text(frames.get(0))).isEqualTo("OK\n");
        assertThat(text(frames.get(1))).startsWith("arm_time: 2024-03-05T20:27:12.607Z\nmissed: 0\n")
                .endsWith(" PCAP.SAMPLES uint32 Value\n\n");
        assertThat(text(frames.get(2))).isEqualTo(" 1 1 10 2.4e-08 1\n");
        assertThat(text(frames.get(6))).isEqualTo("END 4 Disarmed\n");
        assertThat(text(frames.get(10))).isEqualTo("END 2 Ok\n");
    }

    @Test
    void chunkBoundariesAnywhereGiveTheSameFrames() throws IOException {
        byte[] all = twoArms();
        List<String> whole = texts(new PositionCaptureFramer().feed(all));
        for (int cut = 0; cut <= all.length; cut++) {
            PositionCaptureFramer framer = new PositionCaptureFramer();
            List<Frame> frames = new ArrayList<>(framer.feed(Arrays.copyOfRange(all, 0, cut)));
            frames.addAll(framer.feed(all, cut, all.length - cut));
            assertThat(texts(frames)).as("cut at %d", cut).isEqualTo(whole);
            assertThat(framer.buffered()).isZero();
        }
        PositionCaptureFramer byteByByte = new PositionCaptureFramer();
        List<Frame> frames = new ArrayList<>();
        for (byte b : all) {
            frames.addAll(byteByByte.feed(new byte[] {b}));
        }
        assertThat(texts(frames)).isEqualTo(whole);
    }

    @Test
    void parsesHeaderRowsAndEndOfBothArms() throws IOException {
        List<Frame> frames = new PositionCaptureFramer().feed(twoArms());
        PositionCapture parser = new PositionCapture();
        List<PositionCapturePacket> packets = frames.stream().filter(f -> f.kind() != Kind.IGNORED)
                .map(f -> parser.parse(f.bytes())).toList();
        PositionCapturePacket.Header h = (PositionCapturePacket.Header) packets.get(0);
        assertThat(h.armTime()).isEqualTo("2024-03-05T20:27:12.607Z");
        assertThat(h.missed()).isZero();
        assertThat(h.process()).isEqualTo("Scaled");
        assertThat(h.format()).isEqualTo("ASCII");
        assertThat(h.fields()).containsExactly(
                new PositionCapturePacket.Field("COUNTER1.OUT.Min", "double", 1, 0, ""),
                new PositionCapturePacket.Field("COUNTER1.OUT.Max", "double", 1, 0, ""),
                new PositionCapturePacket.Field("COUNTER3.OUT.Value", "double", 1, 0, ""),
                new PositionCapturePacket.Field("PCAP.TS_TRIG.Value", "double", 8e-09, 0, "s"),
                new PositionCapturePacket.Field("PCAP.SAMPLES.Value", "uint32", 1, 0, ""));
        assertThat(((PositionCapturePacket.Row) packets.get(2)).values()).containsExactly(
                Map.entry("COUNTER1.OUT.Min", 2.0), Map.entry("COUNTER1.OUT.Max", 2.0),
                Map.entry("COUNTER3.OUT.Value", 11.0), Map.entry("PCAP.TS_TRIG.Value", 1.024e-05),
                Map.entry("PCAP.SAMPLES.Value", 1L));
        assertThat(packets.get(5)).isEqualTo(new PositionCapturePacket.End(4, "Disarmed"));
        assertThat(parser.fields()).isEmpty();
        PositionCapturePacket.Header second = (PositionCapturePacket.Header) packets.get(6);
        assertThat(second.fields().get(0)).isEqualTo(
                new PositionCapturePacket.Field("INENC1.VAL.Mean", "double", 0.0005, -1.5, "mm"));
        PositionCapturePacket.Row row = (PositionCapturePacket.Row) packets.get(7);
        assertThat(row.number("INENC1.VAL.Mean")).isEqualTo(-1.25);
        assertThat(row.values().get("PCAP.BITS0.Value")).isEqualTo(4294967295L);
        assertThat(packets.get(9)).isEqualTo(new PositionCapturePacket.End(2, "Ok"));
    }

    @Test
    void badFramesSayWhatIsWrong() {
        PositionCapture parser = new PositionCapture();
        assertThatThrownBy(() -> parser.parse(bytes(" 1 2\n"))).isInstanceOf(ProtocolException.class)
                .hasMessage("PandA position capture data line before a header: ' 1 2'");
        assertThatThrownBy(() -> parser.parse(bytes("arm_time: t\nfields:\n A.B int32 Value\n\n")))
                .hasMessage("PandA position capture field A.B.Value has type 'int32', this parser reads uint32 and double");
        assertThatThrownBy(() -> parser.parse(bytes("arm_time: t\nformat: Base64\nfields:\n\n")))
                .hasMessage("PandA position capture header has 'format: Base64', this parser reads ASCII only");
        parser.parse(bytes("arm_time: t\nfields:\n A.B uint32 Value\n C.D double Mean\n\n"));
        assertThatThrownBy(() -> parser.parse(bytes(" 1\n")))
                .hasMessage("PandA position capture data line has 1 values, the header defines 2 fields: ' 1'");
        assertThatThrownBy(() -> parser.parse(bytes(" -1 2.5\n")))
                .hasMessage("PandA position capture field A.B.Value (uint32) has value '-1'");
        assertThatThrownBy(() -> parser.parse(bytes(" 1 2.5d\n")))
                .hasMessage("PandA position capture field C.D.Mean (double) has value '2.5d'");
        assertThatThrownBy(() -> parser.parse(bytes("END x\n")))
                .hasMessage("PandA position capture END line 'END x' needs 'END <samples> <reason>'");
        assertThatThrownBy(() -> parser.parse(List.of()))
                .hasMessageContaining("has 0 frames, expected 1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(Frame f) {
        return new String(f.bytes(), StandardCharsets.ISO_8859_1);
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(f -> f.kind() + ":" + text(f)).toList();
    }
}
