package io.jdranspose.api.contrast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.testdata.Captures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContrastTest {

    @Test
    void parsesTheCapture() {
        List<ContrastPacket> packets = Captures.messages("contrast-dump.cbors").stream()
                .map(m -> Contrast.parse(new StreamData(Contrast.TYPE, m))).toList();
        assertThat(packets).hasSize(26);
        assertThat(packets).filteredOn(p -> p instanceof ContrastPacket.Heartbeat).hasSize(4);
        assertThat(packets.get(0)).isInstanceOf(ContrastPacket.Heartbeat.class);
        assertThat(packets.get(13)).isInstanceOf(ContrastPacket.Heartbeat.class);

        ContrastPacket.Started started = (ContrastPacket.Started) packets.get(1);
        assertThat(started.scannr()).isEqualTo(2);
        assertThat(started.description()).isEqualTo("mesh sx -2 2 3 sy -2 2 4 0.1");
        assertThat(started.path()).isEqualTo("/data/staff/nanomax/commissioning_2023-2/diff_1130_stream_test/raw/dummy");
        assertThat(started.snapshot()).hasSize(92).containsEntry("sx", 1.9986190804920625).containsEntry("gonz", 24419642.0);

        ContrastPacket.Finished finished = (ContrastPacket.Finished) packets.get(23);
        assertThat(finished.scannr()).isEqualTo(2);
        assertThat(finished.description()).isEqualTo(started.description());

        List<ContrastPacket.Running> points = packets.stream()
                .filter(p -> p instanceof ContrastPacket.Running).map(p -> (ContrastPacket.Running) p).toList();
        assertThat(points).hasSize(20);
        // Reference values from Python's pickle.loads on the capture (src/test/python/captures.py).
        // The mesh: sx in 4 steps (-2, -2/3, 2/3, 2), sy fast in 5 (-2, -1, 0, 1, 2).
        assertThat(points.get(0).number("sx")).isEqualTo(-2.000431059888797);
        assertThat(points.get(0).number("sy")).isEqualTo(-2.0011940002441406);
        assertThat(points.get(0).dt()).isEqualTo(2.410903215408325);
        assertThat(points.get(6).number("sx")).isEqualTo(-0.6660473933734465);
        assertThat(points.get(6).number("sy")).isEqualTo(-1.0005970001220703);
        assertThat(points.get(12).number("sx")).isEqualTo(0.6676686415157747);
        assertThat(points.get(12).number("sy")).isEqualTo(0.0013351466041058302);
        assertThat(points.get(19).number("sx")).isEqualTo(1.9993820199451875);
        assertThat(points.get(19).number("sy")).isEqualTo(2.000812530517578);
        assertThat(points.get(19).dt()).isEqualTo(9.71180534362793);
        for (int i = 0; i < 20; i++) {
            assertThat(points.get(i).number("sx")).as("sx of point %d", i).isCloseTo(-2 + 4.0 / 3 * (i / 5), within());
            assertThat(points.get(i).number("sy")).as("sy of point %d", i).isCloseTo(-2 + (i % 5), within());
        }

        ContrastPacket.Running first = points.get(0);
        assertThat(first.entries().keySet()).containsExactly("sx", "sy", "pseudo", "panda0", "xspress3");
        Map<?, ?> pseudo = (Map<?, ?>) first.entries().get("pseudo");
        assertThat(((NdArray) pseudo.get("x")).getDouble(0)).isEqualTo(-2.004051863);
        Map<?, ?> panda = (Map<?, ?>) first.entries().get("panda0");
        assertThat(panda).hasSize(19);
        Map<?, ?> link = (Map<?, ?>) first.entries().get("xspress3");
        assertThat(link.get("type")).isEqualTo("Link");
        assertThat(link.get("path")).isEqualTo("/entry/instrument/xspress3/");
        assertThat(first.number("panda0")).isNaN();
    }

    @Test
    void malformedMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> Contrast.parse(List.of()))
                .isInstanceOf(ProtocolException.class).hasMessage("Contrast message has 0 frames, expected 1 (a pickled dict)");
        assertThatThrownBy(() -> Contrast.parse(List.of("cos\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1))))
                .hasMessageStartingWith("Contrast message: pickle: GLOBAL 'os.system' is not allowed");
        // {'status': 'started'} in protocol 4
        byte[] noPath = "\u0080\u0004}\u008c\u0006status\u008c\u0007starteds.".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Contrast.parse(List.of(noPath)))
                .hasMessage("Contrast started message has no str 'path'");
        byte[] list = "\u0080\u0004].".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Contrast.parse(List.of(list))).hasMessage("Contrast message is not a dict but ArrayList");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.01);
    }
}
