package io.jdranspose.api.sardana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SardanaTest {
    @Test
    void recordDataIsReserialisedTypeFirst() {
        byte[] frame = Sardana.recordData(bytes("{\"point_nb\": 3, \"dummy_mot_01\": 0, \"timestamp\": 0.61}"));
        assertThat(text(frame)).isEqualTo("{\"type\":\"RecordData\",\"timestamp\":0.61,\"point_nb\":3,\"dummy_mot_01\":0}");
        assertThat(Sardana.parse(List.of(frame))).isEqualTo(new SardanaPacket.RecordData(0.61, 3,
                Map.of("dummy_mot_01", 0L)));
        assertThat(text(Sardana.recordData(bytes("{\"type\":\"RecordData\",\"timestamp\":1,\"ct\":[1.5,2]}"))))
                .isEqualTo("{\"type\":\"RecordData\",\"timestamp\":1.0,\"ct\":[1.5,2]}");
    }

    @Test
    void dataDescriptionKeepsTheExtrasInOrder() {
        byte[] frame = Sardana.dataDescription(bytes("{\"serialno\": 12, \"title\": \"ascan dummy_mot_01 0 1 3 0.1\","
                + " \"scandir\": \"/tmp\", \"column_desc\": [{\"name\": \"point_nb\", \"dtype\": \"int64\"}],"
                + " \"estimatedtime\": 0.4, \"counters\": [\"ct01\"]}"));
        assertThat(text(frame)).isEqualTo("{\"type\":\"DataDescription\",\"serialno\":12,\"scandir\":\"/tmp\","
                + "\"title\":\"ascan dummy_mot_01 0 1 3 0.1\",\"column_desc\":[{\"name\":\"point_nb\","
                + "\"dtype\":\"int64\"}],\"estimatedtime\":0.4,\"counters\":[\"ct01\"]}");
        SardanaPacket.DataDescription d = (SardanaPacket.DataDescription) Sardana.parse(List.of(frame));
        assertThat(d.serialno()).isEqualTo(12);
        assertThat(d.scandir()).isEqualTo("/tmp");
        assertThat(d.title()).isEqualTo("ascan dummy_mot_01 0 1 3 0.1");
        assertThat(d.extras().keySet()).containsExactly("column_desc", "estimatedtime", "counters");
        assertThat(d.extras().get("estimatedtime")).isEqualTo(0.4);
    }

    @Test
    void recordEndAcceptsAnEmptyBody() {
        byte[] frame = Sardana.recordEnd(bytes("{}"));
        assertThat(text(frame)).isEqualTo("{\"type\":\"RecordEnd\"}");
        assertThat(Sardana.parse(List.of(frame))).isEqualTo(new SardanaPacket.RecordEnd());
    }

    @Test
    void badBodiesGiveA422Reason() {
        assertThatThrownBy(() -> Sardana.recordData(bytes("{\"timestamp\": \"soon\"}")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("Sardana RecordData: 'timestamp' must be a number, got 'soon'");
        assertThatThrownBy(() -> Sardana.recordData(bytes("{\"point_nb\": 3}")))
                .hasMessage("Sardana RecordData: field 'timestamp' is required");
        assertThatThrownBy(() -> Sardana.dataDescription(bytes("{\"serialno\": 1.5, \"scandir\": \"\", \"title\": \"\"}")))
                .hasMessage("Sardana DataDescription: 'serialno' must be an integer, got 1.5");
        assertThatThrownBy(() -> Sardana.dataDescription(bytes("{\"serialno\": 1, \"scandir\": null, \"title\": \"\"}")))
                .hasMessage("Sardana DataDescription: 'scandir' must be a string, got null");
        assertThatThrownBy(() -> Sardana.recordEnd(bytes("{\"type\": \"RecordData\"}")))
                .hasMessage("Sardana RecordEnd: 'type' must be 'RecordEnd', got 'RecordData'");
        assertThatThrownBy(() -> Sardana.recordEnd(bytes("[]")))
                .hasMessage("Sardana RecordEnd: the body is not a JSON object");
        assertThatThrownBy(() -> Sardana.recordEnd(bytes("{\"a\":")))
                .hasMessageStartingWith("Sardana RecordEnd: the body is not valid JSON");
        assertThatThrownBy(() -> Sardana.parse(List.of(bytes("{\"type\":\"CustomData\"}"))))
                .hasMessageContaining("Sardana message has unknown type 'CustomData'");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
