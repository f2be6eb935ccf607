package io.jdranspose.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streamed assignment batch is byte for byte what databind writes, and reads back. */
class AssignmentToJsonTest {

    @Test
    void streamedBatchesAreTheTextDatabindWrites() {
        var batches = new ArrayList<List<Assignment>>();
        batches.add(List.of());
        batches.add(List.of(new Assignment(0, Map.of("eiger", List.of("w1", "w2")))));
        var many = new ArrayList<Assignment>();
        for (long e = 1; e < 200; e++) {
            many.add(new Assignment(e, Map.of("eiger", List.of("w" + e % 3))));
        }
        batches.add(many);
        var streams = new LinkedHashMap<String, List<String>>();
        streams.put("eiger", List.of("a"));
        streams.put("orca", List.of());
        streams.put("pcap \"x\"\\ é\u0001", List.of("wörker\n", "b"));
        batches.add(List.of(new Assignment(Long.MAX_VALUE, streams), new Assignment(7, Map.of()),
                new Assignment(8, null)));
        for (List<Assignment> batch : batches) {
            byte[] streamed = Assignment.toJson(batch);
            assertThat(new String(streamed, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(ControlJson.writeText(batch));
            assertThat(Assignment.listFromJson(streamed)).isEqualTo(batch);
        }
    }

    @Test
    void otherFormsAreWrittenInTheirMapsOrder() {
        record Held(long event, Map<String, List<String>> streams) { }
        var streams = new LinkedHashMap<String, List<String>>();
        streams.put("orca", List.of("w2"));
        streams.put("eiger", List.of("w1", "w2"));
        byte[] json = Assignment.toJson(List.of(new Held(3, streams)), Held::event, Held::streams);
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[{\"event_number\":3,\"assignments\":{\"orca\":[\"w2\"],\"eiger\":[\"w1\",\"w2\"]}}]");
    }
}
