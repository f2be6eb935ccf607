package io.jdranspose.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Assignment#listFromJson}, which reads the usual batch with {@link AssignmentBatchReader}, gives exactly what
 * databind gave: the same assignments, the same errors.
 */
class AssignmentJsonTest {
    private static final TypeReference<List<Assignment>> LIST = new TypeReference<>() { };

    /** What listFromJson was, verbatim: the reference. */
    private static List<Assignment> databind(byte[] json) {
        try {
            List<Assignment> batch = ControlJson.MAPPER.readValue(json, LIST);
            if (batch == null || batch.contains(null)) {
                throw new ControlMessageException("assignment batch is null or contains null");
            }
            return batch;
        } catch (IOException | IllegalArgumentException e) {
            throw new ControlMessageException("invalid assignment batch: " + e.getMessage(), e);
        }
    }

    static final List<String> INPUTS = List.of(
            "[]", " [ ] ", "[{\"event_number\":5,\"assignments\":{\"stream1\":[\"worker1\"]}}]",
            "[{\"event_number\":0,\"assignments\":{}},{\"event_number\":1,\"assignments\":{\"a\":[],\"b\":[\"w1\",\"w2\"]}}]",
            "[{\"assignments\":{\"eiger\":[\"w2\"]},\"event_number\":7}]",
            "[ {\n \"event_number\" : 9223372036854775807 , \"assignments\" : { \"\u00e9\\u00e9\" : [ \"w\\n\\\"\" ] } } ]",
            "[{\"event_number\":1,\"assignments\":{\"a\":[\"w1\"],\"a\":[\"w2\"]}}]",
            "[{\"event_number\":1,\"event_number\":2,\"assignments\":{}}]",
            "[{\"event_number\":1,\"assignments\":{},\"assignments\":{\"a\":[\"w\"]}}]",
            "[{\"event_number\":1,\"assignments\":{\"a\":[\"w\"]},\"extra\":{\"x\":[1,2]}}]",
            "[{\"event_number\":1}]", "[{\"assignments\":{\"a\":[\"w\"]}}]", "[{}]",
            "[{\"event_number\":1,\"assignments\":null}]", "[{\"event_number\":null,\"assignments\":{}}]",
            "[{\"event_number\":1,\"assignments\":{\"a\":null}}]", "[{\"event_number\":1,\"assignments\":{\"a\":[null]}}]",
            "[{\"event_number\":1,\"assignments\":{\"a\":[1,true,2.5]}}]", "[{\"event_number\":1,\"assignments\":{\"a\":\"w\"}}]",
            "[{\"event_number\":\"12\",\"assignments\":{}}]", "[{\"event_number\":1.0,\"assignments\":{}}]",
            "[{\"event_number\":1.5,\"assignments\":{}}]", "[{\"event_number\":1e3,\"assignments\":{}}]",
            "[{\"event_number\":true,\"assignments\":{}}]", "[{\"event_number\":-3}]",
            "[{\"event_number\":-3,\"assignments\":{}}]", "[{\"event_number\":-0,\"assignments\":{}}]",
            "[{\"event_number\":9223372036854775808,\"assignments\":{}}]", "[{\"event_number\":[1],\"assignments\":{}}]",
            "[{\"eventNumber\":1,\"assignments\":{}}]", "[{\"event_number\":1,\"assignments\":[]}]",
            "[null]", "null", "", "  ", "{}", "{\"event_number\":1,\"assignments\":{}}", "[1]", "[[]]", "\"x\"",
            "[{\"event_number\":1,\"assignments\":{}}]xyz", "[]]", "[{\"event_number\":1,\"assignments\":{}}] [",
            "[{\"event_number\":1,\"assignments\":{}},]", "[{\"event_number\":1,\"assignments\":{}}", "[{\"event_number\":1",
            "[{\"event_number\":01,\"assignments\":{}}]", "[{'event_number':1,\"assignments\":{}}]",
            "[{\"event_number\":1,\"assignments\":{\"a\":[\"w\"}}]", "[{\"event_number\":NaN,\"assignments\":{}}]");

    @Test
    void readsAsDatabindDid() {
        for (String s : INPUTS) {
            assertSameReading(s.getBytes(StandardCharsets.UTF_8));
        }
        assertSameReading(new byte[] {'[', '{', '"', 'e', (byte) 0xFF, '"', ':', '1', '}', ']'});
        assertSameReading("[{\"event_number\":3,\"assignments\":{\"a\":[\"w\"]}}]".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void readsWhatItWrites() {
        List<Assignment> batch = batch(new Random(5), 64);
        assertThat(AssignmentBatchReader.read(Assignment.toJson(batch))).as("the plain reading").isEqualTo(batch);
        assertThat(Assignment.listFromJson(Assignment.toJson(batch))).isEqualTo(batch);
        assertSameReading(Assignment.toJson(batch));
    }

    /** Cut, flipped, inserted and deleted bytes of good and bad batches: the errors must agree too. */
    @Test
    void randomMutations() {
        Random random = new Random(77);
        List<byte[]> seeds = new ArrayList<>();
        INPUTS.forEach(s -> seeds.add(s.getBytes(StandardCharsets.UTF_8)));
        seeds.add(Assignment.toJson(batch(random, 3)));
        byte[] punctuation = "{}[]\":,.-+eE019 \\nul\"event_number\"assignments".getBytes(StandardCharsets.US_ASCII);
        for (int n = 0; n < 20_000; n++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            if (seed.length == 0) {
                continue;
            }
            int at = random.nextInt(seed.length);
            byte b = random.nextBoolean() ? punctuation[random.nextInt(punctuation.length)] : (byte) random.nextInt();
            byte[] mutated = switch (random.nextInt(4)) {
                case 0 -> Arrays.copyOf(seed, at);
                case 1 -> {
                    byte[] m = seed.clone();
                    m[at] = b;
                    yield m;
                }
                case 2 -> {
                    byte[] m = new byte[seed.length + 1];
                    System.arraycopy(seed, 0, m, 0, at);
                    m[at] = b;
                    System.arraycopy(seed, at, m, at + 1, seed.length - at);
                    yield m;
                }
                default -> {
                    byte[] m = new byte[seed.length - 1];
                    System.arraycopy(seed, 0, m, 0, at);
                    System.arraycopy(seed, at + 1, m, at, seed.length - at - 1);
                    yield m;
                }
            };
            assertSameReading(mutated);
        }
    }

    @Test
    void badBatchesSayWhatIsWrong() {
        assertThatThrownBy(() -> Assignment.listFromJson("[{\"event_number\": -3}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ControlMessageException.class)
                .hasMessageStartingWith("invalid assignment batch: ")
                .hasMessageContaining("event_number must not be negative, got -3");
        assertThatThrownBy(() -> Assignment.listFromJson("[null]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("assignment batch is null or contains null");
    }

    private static List<Assignment> batch(Random random, int events) {
        List<Assignment> batch = new ArrayList<>();
        for (int k = 0; k < events; k++) {
            Map<String, List<String>> streams = new LinkedHashMap<>();
            for (int s = random.nextInt(4); s > 0; s--) {
                List<String> workers = new ArrayList<>();
                for (int w = random.nextInt(3); w > 0; w--) {
                    workers.add("worker" + random.nextInt(10));
                }
                streams.put("stream" + random.nextInt(6), workers);
            }
            batch.add(new Assignment(random.nextInt(1000) + (long) k * 1000, streams));
        }
        return batch;
    }

    private static void assertSameReading(byte[] json) {
        String expected = outcome(() -> databind(json));
        String actual = outcome(() -> Assignment.listFromJson(json));
        assertThat(actual).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private static String outcome(java.util.function.Supplier<List<Assignment>> read) {
        try {
            List<Assignment> batch = read.get();
            // The list classes too: databind made ArrayLists of workers, callers may rely on nothing else.
            return "ok " + batch.getClass().getSimpleName() + batch + batch.stream()
                    .flatMap(a -> a.assignments().values().stream()).map(l -> l.getClass().getSimpleName()).toList();
        } catch (ControlMessageException e) {
            return "error " + e.getMessage();
        }
    }
}
