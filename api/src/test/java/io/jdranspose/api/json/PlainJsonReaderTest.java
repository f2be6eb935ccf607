package io.jdranspose.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.testdata.Captures;
import io.jdranspose.api.testdata.JsonSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PlainJsonReaderTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    @Test
    void readsTheHeadersDetectorsSend() {
        for (String header : List.of(
                "{\"htype\":\"image\",\"frame\":17,\"shape\":[2048],\"type\":\"uint8\",\"compression\":\"none\","
                        + "\"msg_number\":18,\"sent_ns\":123456789}",
                "{\"htype\": \"image\", \"frame\": 0, \"shape\": [10, 10], \"type\": \"uint16\", \"compression\": \"none\","
                        + " \"msg_number\": 1}",
                "{\"htype\":\"header\",\"filename\":\"/data/x.h5\",\"msg_number\":0}",
                "{\"htype\":\"series_end\",\"msg_number\":9}",
                "{\"message_id\": 2, \"message_type\": \"data\", \"version\": 1, \"frame_number\": 0, "
                        + "\"inttime\": [7.1160000000000005, 7.315], \"energy\": [8879.101048716273, -0.0, 1e-7]}")) {
            assertThat(PlainJsonReader.readObject(bytes(header))).as(header).isNotNull();
        }
        assertThat(PlainJsonReader.readArray(bytes("[{\"event_number\":5,\"assignments\":{\"stream1\":[\"worker1\"]}},"
                + "{\"event_number\":6,\"assignments\":{}}]"))).hasSize(2);
    }

    @Test
    void leavesToJacksonWhatItDoesNotKnow() {
        for (String json : List.of("", " ", "null", "[]", "\"x\"", "{", "{\"a\"}", "{\"a\":1,}", "{\"a\":01}",
                "{\"a\":\"\\n\"}", "{\"\\u0041\":1}", "{\"a\":\"\u00e9\"}", "{\"a\":\"\t\"}", "{\"a\":NaN}",
                "{\"a\":1234567890123456789}", "{\"a\":1." + "0".repeat(40) + "}",
                "{\"a\":\"" + "x".repeat(4097) + "\"}", "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}",
                "\ufeff{}", "{\"a\":1\f}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":1.5.3}", "{'a':1}",
                "{\"a\":1,\"a\":2}", "{\"a\":null,\"a\":null}", "{\"x\":[{\"a\":1,\"b\":2,\"a\":3}]}")) {
            assertThat(PlainJsonReader.readObject(bytes(json))).as(json).isNull();
        }
        assertThat(PlainJsonReader.readArray(bytes("{}"))).isNull();
        assertThat(PlainJsonReader.readArray(bytes("[1,]"))).isNull();
        assertThat(PlainJsonReader.readArray(bytes("[\"\\\"\"]"))).isNull();
    }

    /** Whatever it reads, it reads as databind's untyped mapping: tricky JSON, its mutations, the real captures. */
    @Test
    void agreesWithDatabindWheneverItReads() {
        List<byte[]> inputs = new ArrayList<>();
        JsonSamples.TRICKY.forEach(s -> inputs.add(bytes(s)));
        inputs.addAll(JsonSamples.mutations(JsonSamples.TRICKY, 50_000, 42));
        for (String capture : List.of("albaem-dump.cbors", "eiger-small.cbors", "pcap-zmq.cbors",
                "maui-02-continuous-3.cbor.gz", "xspress3-dump.cbors")) {
            Captures.messages(capture).forEach(inputs::addAll);
        }
        int objects = 0;
        int arrays = 0;
        for (byte[] input : inputs) {
            Map<String, Object> object = PlainJsonReader.readObject(input);
            if (object != null) {
                assertThat(JsonSamples.typed(object)).as(JsonFrame.preview(input)).isEqualTo(databind(input));
                objects++;
            }
            List<Object> array = PlainJsonReader.readArray(input);
            if (array != null) {
                assertThat(JsonSamples.typed(array)).as(JsonFrame.preview(input)).isEqualTo(databind(input));
                arrays++;
            }
        }
        assertThat(objects).as("inputs read as objects").isGreaterThan(3_000);
        assertThat(arrays).as("inputs read as arrays").isGreaterThan(100);
    }

    /** More names than the cache has slots, from several threads: every map still holds exactly its own names. */
    @Test
    void recentTextsNeverMixUp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 5_000; n++) {
                        Map<String, Object> expected = new LinkedHashMap<>();
                        StringBuilder json = new StringBuilder("{");
                        for (int k = 0; k < 4; k++) {
                            String name = "n" + (n * 7 + k) % 3001 + "_" + "x".repeat((n + k) % 5);
                            String value = "v" + (n * 13 + k + thread) % 2003;
                            expected.put(name, value);
                            json.append(k == 0 ? "" : ",").append('"').append(name).append("\":\"").append(value).append('"');
                        }
                        String text = json.append('}').toString();
                        assertThat(PlainJsonReader.readObject(bytes(text))).as(text).containsExactlyEntriesOf(expected);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String databind(byte[] json) {
        try {
            return JsonSamples.typed(DATABIND.readValue(json, Object.class));
        } catch (java.io.IOException e) {
            return "error " + e.getMessage();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
