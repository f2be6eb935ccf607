package io.jdranspose.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.albaem.AlbaEm;
import io.jdranspose.api.json.CompactJsonWriter;
import io.jdranspose.api.json.JsonFrame;
import io.jdranspose.api.pcap.Pcap;
import io.jdranspose.api.pcap.PcapRowSplitter;
import io.jdranspose.api.pcap.PositionCapture;
import io.jdranspose.api.pcap.PositionCaptureFramer;
import io.jdranspose.api.sardana.Sardana;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the protocol parsers: whatever the bytes, only {@link ProtocolException} may escape.
 * By default (regression mode) it replays the inputs under {@code ProtocolFuzzTestInputs/<method>/}; to fuzz one
 * target: {@code JAZZER_FUZZ=1 JAZZER_INSTRUMENTATION_INCLUDES='io.jdranspose.**' ./mvnw -o -pl api test
 * -Dtest='ProtocolFuzzTest#pcapRows'}.
 */
class ProtocolFuzzTest {

    @FuzzTest(maxDuration = "45s")
    void albaEm(byte[] data) {
        try {
            AlbaEm.parse(List.of(data));
        } catch (ProtocolException expected) {
            // the only failure a bad frame may cause
        }
    }

    @FuzzTest(maxDuration = "45s")
    void pcap(byte[] data) {
        try {
            Pcap.parse(List.of(data));
        } catch (ProtocolException expected) {
            // the only failure a bad frame may cause
        }
    }

    /** Every row the splitter makes is one JSON object with the fixed members first. */
    @FuzzTest(maxDuration = "45s")
    void pcapRows(byte[] data) {
        List<byte[]> rows;
        try {
            rows = PcapRowSplitter.split(data);
        } catch (ProtocolException expected) {
            return;
        }
        for (byte[] row : rows) {
            if (row != data) {
                JsonFrame f = JsonFrame.read("PCAP", row);
                assertThat(f.fields().keySet()).startsWith("message_id", "version", "message_type", "frame_number");
            }
        }
    }

    /** The framer's frames, whatever the chunking, fed to the stateful parser. */
    @FuzzTest(maxDuration = "45s")
    void positionCapture(byte[] data) {
        PositionCapture parser = new PositionCapture();
        for (PositionCaptureFramer.Frame f : new PositionCaptureFramer().feed(data)) {
            try {
                parser.parse(f.bytes());
            } catch (ProtocolException expected) {
                // a bad line; the parser goes on with the next
            }
        }
    }

    /** Never throws, and a cut anywhere gives the same frames as no cut. */
    @FuzzTest(maxDuration = "45s")
    void positionCaptureFramer(byte[] data) {
        int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
        List<String> whole = texts(new PositionCaptureFramer().feed(data));
        PositionCaptureFramer framer = new PositionCaptureFramer();
        List<PositionCaptureFramer.Frame> frames = new ArrayList<>(framer.feed(data, 0, cut));
        frames.addAll(framer.feed(data, cut, data.length - cut));
        assertThat(texts(frames)).isEqualTo(whole);
    }

    /** Each endpoint's validation throws only ProtocolException, and what it forwards the worker can parse. */
    @FuzzTest(maxDuration = "45s")
    void sardana(byte[] data) {
        for (int endpoint = 0; endpoint < 3; endpoint++) {
            byte[] frame;
            try {
                frame = switch (endpoint) {
                    case 0 -> Sardana.dataDescription(data);
                    case 1 -> Sardana.recordData(data);
                    default -> Sardana.recordEnd(data);
                };
            } catch (ProtocolException expected) {
                continue;
            }
            Sardana.parse(List.of(frame));
        }
        try {
            Sardana.parse(List.of(data));
        } catch (ProtocolException expected) {
            // the only failure a bad frame may cause
        }
    }

    /** Floats are written so that they read back as the same double. */
    @FuzzTest(maxDuration = "20s")
    void floatsRoundTrip(long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isFinite(d)) {
            String s = new String(new CompactJsonWriter(32).number(d).toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Double.parseDouble(s)).as(s).isEqualTo(d);
            assertThat(s).isEqualTo(CompactJsonWriter.formatDouble(d));
        }
    }

    private static List<String> texts(List<PositionCaptureFramer.Frame> frames) {
        return frames.stream().map(PositionCaptureFramer.Frame::toString).toList();
    }
}
