package io.jdranspose.api.albaem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.Captures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbaEmTest {
    @Test
    void theCaptureIsStartFourReadingsAndEnd() {
        List<AlbaEmPacket> packets = Captures.messages("albaem-dump.cbors").stream().map(AlbaEm::parse).toList();
        assertThat(packets).hasSize(6);
        assertThat(packets.get(0)).isEqualTo(new AlbaEmPacket.Start(1));
        double[][] channels = {
            {-2.8302592615927417e-11, -6.091210149949596e-11, 2.5349278603830644e-10, 4.80528800718246e-10},
            {-2.399567634828629e-11, -7.260230279737902e-11, 2.4918586977066537e-10, 4.866815382434476e-10},
            {-2.2149855090725806e-11, -7.813976657006048e-11, 2.621066185735887e-10, 4.916037282636089e-10},
            {-9.84438004032258e-12, -6.091210149949596e-11, 2.5533860729586694e-10, 4.76837158203125e-10},
        };
        for (int i = 0; i < 4; i++) {
            AlbaEmPacket.Data d = (AlbaEmPacket.Data) packets.get(i + 1);
            assertThat(d.messageId()).isEqualTo(i + 2);
            assertThat(d.frameNumber()).isEqualTo(i);
            assertThat(d.channels()).containsExactly(channels[i]);
            assertThat(d.channel(4)).isEqualTo(channels[i][3]);
            assertThat(d.extras()).isEmpty();
        }
        AlbaEmPacket.Data first = (AlbaEmPacket.Data) packets.get(1);
        assertThat(first.timestamp()).isEqualTo(7.72645192);
        assertThat(first.acquisitionTimestamp()).isEqualTo(1704807770443944912L);
        assertThat(packets.get(5)).isEqualTo(new AlbaEmPacket.End(6,
                Map.of("read_overflow", false, "memory_overflow", false)));
    }

    @Test
    void extrasAreKeptInOrder() {
        AlbaEmPacket.Data d = (AlbaEmPacket.Data) parse("{\"version\":1,\"message_type\":\"data\",\"message_id\":2,"
                + "\"frame_number\":0,\"timestamp\":1,\"acquisition_timestamp\":5,\"channel1\":1,\"channel2\":2,"
                + "\"channel3\":3,\"channel4\":4.5,\"channel5\":6,\"range\":\"1mA\"}");
        assertThat(d.channels()).containsExactly(1, 2, 3, 4.5);
        assertThat(d.extras()).containsExactly(Map.entry("channel5", 6L), Map.entry("range", "1mA"));
        assertThat(parse("{\"version\":1,\"message_type\":\"series-end\",\"message_id\":3}"))
                .isEqualTo(new AlbaEmPacket.End(3, Map.of()));
        assertThat(parse("{\"version\":1,\"message_type\":\"series-end\",\"message_id\":3,"
                + "\"detector_specific\":{\"n\":[1,100000000000000000000]}}"))
                .isEqualTo(new AlbaEmPacket.End(3, Map.of("n", List.of(1L, 1e20))));
    }

    @Test
    void badMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("{\"version\":2,\"message_type\":\"series-start\",\"message_id\":1}"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("AlbaEM message has version 2, this parser reads version 1");
        assertThatThrownBy(() -> parse("{\"version\":1,\"message_type\":\"data\",\"message_id\":2,\"frame_number\":0,"
                + "\"timestamp\":1,\"acquisition_timestamp\":5,\"channel1\":1,\"channel2\":2,\"channel3\":\"x\"}"))
                .hasMessage("AlbaEM data message 2 needs a number 'channel3', got 'x'");
        assertThatThrownBy(() -> parse("{\"version\":1,\"message_type\":\"stop\",\"message_id\":7}"))
                .hasMessageContaining("AlbaEM message 7 has unknown message_type 'stop'");
        assertThatThrownBy(() -> parse("[1]")).hasMessageStartingWith("AlbaEM frame is not a JSON object: '[1]'");
        assertThatThrownBy(() -> parse("{\"version\":1} x")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> AlbaEm.parse(List.of())).hasMessage("AlbaEM message has 0 frames, expected 1 JSON frame");
    }

    private static AlbaEmPacket parse(String json) {
        return AlbaEm.parse(List.of(json.getBytes(StandardCharsets.UTF_8)));
    }
}
