package io.jdranspose.api.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.Captures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcapTest {
    @Test
    void theCaptureSplitsIntoFifteenHundredConsecutiveRows() {
        List<List<byte[]>> messages = Captures.messages("pcap-zmq.cbors");
        assertThat(messages).hasSize(102);
        List<byte[]> frames = new ArrayList<>();
        for (List<byte[]> m : messages) {
            frames.addAll(PcapRowSplitter.split(m));
        }
        assertThat(frames).hasSize(1502);
        assertThat(frames.get(0)).isSameAs(messages.get(0).get(0));
        assertThat(frames.get(1501)).isSameAs(messages.get(101).get(0));
        assertThat(Pcap.parse(List.of(frames.get(0))))
                .isEqualTo(new PcapPacket.Start(1, "2024-10-07T08:49:10.627Z"));
        assertThat(Pcap.parse(List.of(frames.get(1501)))).isEqualTo(new PcapPacket.End(102));
        for (int i = 0; i < 1500; i++) {
            PcapPacket.Row row = (PcapPacket.Row) Pcap.parse(List.of(frames.get(i + 1)));
            assertThat(row.frameNumber()).isEqualTo(i);
            assertThat(row.number("triggernumber")).isEqualTo(i + 1.0);
            assertThat(row.values().keySet())
                    .containsExactly("inttime", "triggernumber", "repeatindex", "energy", "INENC3.VAL.Mean");
        }
        assertThat(text(frames.get(1))).isEqualTo("{\"message_id\":2,\"version\":1,\"message_type\":\"data\","
                + "\"frame_number\":0,\"inttime\":7.1160000000000005,\"triggernumber\":1.0,\"repeatindex\":1.0,"
                + "\"energy\":8879.101048716273,\"INENC3.VAL.Mean\":0.0}");
        // Message 3 starts at frame_number 15 and has 14 rows; its second row:
        assertThat(text(frames.get(17))).isEqualTo("{\"message_id\":3,\"version\":1,\"message_type\":\"data\","
                + "\"frame_number\":16,\"inttime\":6.851,\"triggernumber\":17.0,\"repeatindex\":1.0,"
                + "\"energy\":8882.300519741357,\"INENC3.VAL.Mean\":0.0}");
        PcapPacket.Row last = (PcapPacket.Row) Pcap.parse(List.of(frames.get(1500)));
        assertThat(last.messageId()).isEqualTo(101);
        assertThat(last.frameNumber()).isEqualTo(1499);
        assertThat(last.values()).containsExactly(Map.entry("inttime", 6.5178), Map.entry("triggernumber", 1500.0),
                Map.entry("repeatindex", 1.0), Map.entry("energy", 9178.90056771702),
                Map.entry("INENC3.VAL.Mean", 0.0));
    }

    @Test
    void scalarsAreCopiedIntoEveryRowAndIntegersStayIntegers() {
        List<byte[]> rows = PcapRowSplitter.split(bytes("{\"frame_number\":16,\"message_type\":\"data\","
                + "\"gain\":\"high\",\"a\":[2,0.5],\"message_id\":9,\"b\":[1e-7,-3],\"version\":1}"));
        assertThat(rows).extracting(PcapTest::text).containsExactly(
                "{\"message_id\":9,\"version\":1,\"message_type\":\"data\",\"frame_number\":16,\"gain\":\"high\","
                        + "\"a\":2,\"b\":1e-7}",
                "{\"message_id\":9,\"version\":1,\"message_type\":\"data\",\"frame_number\":17,\"gain\":\"high\","
                        + "\"a\":0.5,\"b\":-3}");
        PcapPacket.Row row = (PcapPacket.Row) Pcap.parse(List.of(rows.get(0)));
        assertThat(row.values()).containsExactly(Map.entry("gain", "high"), Map.entry("a", 2L),
                Map.entry("b", 1e-7));
        assertThat(PcapRowSplitter.split(bytes("{\"message_id\":2,\"version\":1,\"message_type\":\"data\","
                + "\"frame_number\":0,\"a\":[]}"))).isEmpty();
    }

    @Test
    void badMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> PcapRowSplitter.split(bytes("{\"message_id\":4,\"version\":1,\"message_type\":\"data\","
                + "\"frame_number\":0,\"inttime\":[1.0,2.0],\"energy\":[1.0]}")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("PCAP data message 4 has lists of unequal length: inttime 2, energy 1");
        assertThatThrownBy(() -> PcapRowSplitter.split(List.of(bytes("{}"), bytes("{}"))))
                .hasMessage("PCAP message has 2 parts, expected 1 JSON frame");
        assertThatThrownBy(() -> PcapRowSplitter.split(bytes("{\"message_id\":4,\"version\":2,"
                + "\"message_type\":\"data\",\"frame_number\":0,\"a\":[1]}")))
                .hasMessage("PCAP data message 4 has version 2, this splitter reads version 1");
        assertThatThrownBy(() -> PcapRowSplitter.split(bytes("{\"message_id\":4,\"version\":1,"
                + "\"message_type\":\"data\",\"frame_number\":0,\"a\":1}")))
                .hasMessage("PCAP data message 4 has no list fields, nothing to split");
        assertThatThrownBy(() -> PcapRowSplitter.split(bytes("{\"message_id\":4,\"message_type\":\"x\"}")))
                .hasMessageContaining("PCAP message 4 has unknown message_type 'x'");
        assertThatThrownBy(() -> PcapRowSplitter.split(bytes("{\"message_id\":4")))
                .hasMessageStartingWith("PCAP message is not a JSON object");
        assertThatThrownBy(() -> Pcap.parse(List.of(bytes("{\"message_id\":4,\"version\":1,"
                + "\"message_type\":\"data\",\"frame_number\":0,\"a\":[1]}"))))
                .hasMessageContaining("holds a list in 'a'");
        assertThatThrownBy(() -> Pcap.parse(List.of(bytes("{\"message_id\":1,\"version\":3,"
                + "\"message_type\":\"series-start\"}"))))
                .hasMessage("PCAP message has version 3, this parser reads version 1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
