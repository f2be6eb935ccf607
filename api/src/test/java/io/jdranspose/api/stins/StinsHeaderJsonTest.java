package io.jdranspose.api.stins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.json.JsonFrame;
import io.jdranspose.api.testdata.Captures;
import io.jdranspose.api.testdata.JsonSamples;
import io.jdranspose.api.testdata.LengthPrefixedFrames;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Stins#json}, which reads header frames with {@link io.jdranspose.api.json.PlainJsonReader} or Jackson's
 * streaming parser, gives exactly what it gave when it read them with databind: the same maps (types, order,
 * values) and the same errors, for real captures, tricky JSON, the fuzz inputs and random mutations.
 */
class StinsHeaderJsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** What Stins.json was, verbatim: the reference. */
    private static Map<String, Object> databind(byte[] bytes, String what) {
        try {
            Map<String, Object> map = DATABIND.readValue(bytes, MAP);
            if (map == null) {
                throw new ProtocolException("STINS " + what + " frame is JSON null");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new ProtocolException("STINS " + what + " frame is not a JSON object: " + JsonFrame.preview(bytes), e);
        } catch (IOException e) {
            throw new ProtocolException("STINS " + what + " frame unreadable", e);
        }
    }

    @Test
    void trickyInputs() {
        for (String s : JsonSamples.TRICKY) {
            assertSame(s.getBytes(StandardCharsets.UTF_8));
        }
        // Not UTF-8: Jackson detects UTF-16 and UTF-32 from the first bytes, and refuses broken UTF-8.
        assertSame("{\"a\":[1,\"\u00e9\"]}".getBytes(StandardCharsets.UTF_16BE));
        assertSame("{\"a\":[1,\"\u00e9\"]}".getBytes(StandardCharsets.UTF_16LE));
        assertSame("{\"a\":[1,\"\u00e9\"]}".getBytes(StandardCharsets.UTF_16));
        assertSame("{\"a\":1}".getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        assertSame(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
        assertSame(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'});
        assertSame(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
        assertSame(new byte[] {'{', '}', (byte) 0xFF});
        assertSame(new byte[] {(byte) 0xFF, '{', '}'});
        assertSame(new byte[] {0, 0, 0, 0});
    }

    @Test
    void everyFrameOfTheRealCaptures() {
        int objects = 0;
        for (String capture : List.of("albaem-dump.cbors", "contrast-dump.cbors", "eiger-small.cbors",
                "maui-02-continuous-3.cbor.gz", "pcap-zmq.cbors", "xspress3-dump.cbors")) {
            for (List<byte[]> message : Captures.messages(capture)) {
                for (byte[] frame : message) {
                    if (assertSame(frame).startsWith("ok")) {
                        objects++;
                    }
                }
            }
        }
        assertThat(objects).as("JSON object frames in the captures").isGreaterThan(100);
    }

    @Test
    void everyFuzzInputAndItsFrames() throws IOException, URISyntaxException {
        Path root = Path.of(StinsHeaderJsonTest.class.getResource("/io/jdranspose/api").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] data = Files.readAllBytes(file);
                assertSame(data);
                LengthPrefixedFrames.split(data).forEach(StinsHeaderJsonTest::assertSame);
            }
        }
    }

    /** Cut, flipped, inserted and deleted bytes of the tricky inputs: mostly bad JSON, errors must agree too. */
    @Test
    void randomMutations() {
        JsonSamples.mutations(JsonSamples.TRICKY, 20_000, 20240611).forEach(StinsHeaderJsonTest::assertSame);
    }

    /** Both readings of the bytes agree; returns the outcome ("ok …" or "error …"). */
    private static String assertSame(byte[] bytes) {
        String expected = outcome(() -> databind(bytes, "header"));
        String actual = outcome(() -> Stins.json(bytes, "header"));
        assertThat(actual).as(JsonFrame.preview(bytes)).isEqualTo(expected);
        return actual;
    }

    private static String outcome(Supplier<Map<String, Object>> parse) {
        try {
            return "ok " + JsonSamples.typed(parse.get());
        } catch (ProtocolException e) {
            return "error " + e.getMessage();
        }
    }
}
