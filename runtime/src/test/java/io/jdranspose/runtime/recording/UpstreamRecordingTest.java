package io.jdranspose.runtime.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.StreamData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recordings upstream's own ingesters wrote during a real scan, checked against the contents
 * decoded independently into {@code expected.json} (README: "What a reimplementation's tests should assert", point 1).
 */
class UpstreamRecordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"eiger", "orca"})
    void recordsMatchExpectedJson(String stream) throws IOException {
        JsonNode expected = expectedRecords(stream);
        List<Recorded> records = Records.readAll(recording(stream));

        assertThat(records).hasSize(expected.size()).hasSize(12);
        for (int i = 0; i < records.size(); i++) {
            Recorded record = records.get(i);
            JsonNode want = expected.get(i);
            assertThat(record.eventNumber()).isEqualTo(want.get("event_number").asLong()).isEqualTo(i);
            assertThat(record.createdAt()).as("created_at of record %d", i)
                    .isEqualTo(OffsetDateTime.parse(want.get("created_at").asText()).toInstant());
            assertThat(record.streams()).containsOnlyKeys(stream);
            StreamData data = record.streams().get(stream);
            assertThat(data.type()).isEqualTo(want.get("typ").asText());
            assertThat(data.frames()).hasSize(want.get("nframes").asInt());
            for (int f = 0; f < data.frames().size(); f++) {
                assertThat(data.frames().get(f)).as("frame %d of record %d", f, i)
                        .hasSize(want.get("frame_bytes").get(f).asInt());
            }
            assertThat(JSON.readTree(data.frames().get(0))).as("STINS header of record %d", i)
                    .isEqualTo(want.get("header"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eiger", "orca"})
    void imagesDecodeToTheExpectedSumMinAndMax(String stream) throws IOException {
        JsonNode expected = expectedRecords(stream);
        List<Recorded> records = Records.readAll(recording(stream));

        int images = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode want = expected.get(i);
            List<byte[]> frames = records.get(i).streams().get(stream).frames();
            JsonNode header = JSON.readTree(frames.get(0));
            if (!header.get("htype").asText().equals("image")) {
                continue;
            }
            images++;
            double[] pixels = decodePixels(frames.get(1), header.get("type").asText());
            assertThat(pixels).hasSize(header.get("shape").get(0).asInt() * header.get("shape").get(1).asInt());
            assertThat(java.util.Arrays.stream(pixels).sum()).as("sum of record %d", i)
                    .isEqualTo(want.get("sum").asDouble());
            assertThat(java.util.Arrays.stream(pixels).min().orElseThrow()).isEqualTo(want.get("min").asDouble());
            assertThat(java.util.Arrays.stream(pixels).max().orElseThrow()).isEqualTo(want.get("max").asDouble());
        }
        assertThat(images).isEqualTo(10);
    }

    /** The decoder consumes exactly one CBOR item per record: {@code record_bytes} each. */
    @ParameterizedTest
    @ValueSource(strings = {"eiger", "orca"})
    void eachRecordSpansRecordBytes(String stream) throws Exception {
        JsonNode expected = expectedRecords(stream);
        try (RecordingFile file = RecordingFile.open(recording(stream))) {
            RecordDecoder decoder = new RecordDecoder();
            for (JsonNode want : expected) {
                long start = file.cbor().position();
                decoder.decode(file.cbor());
                assertThat(file.cbor().position() - start).isEqualTo(want.get("record_bytes").asLong());
            }
            assertThat(file.cbor().atEnd()).isTrue();
        }
    }

    private static double[] decodePixels(byte[] raw, String dtype) {
        ByteBuffer le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return switch (dtype) {
            case "uint16" -> {
                double[] v = new double[raw.length / 2];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Short.toUnsignedInt(le.getShort());
                }
                yield v;
            }
            case "float32" -> {
                double[] v = new double[raw.length / 4];
                for (int k = 0; k < v.length; k++) {
                    v[k] = le.getFloat();
                }
                yield v;
            }
            default -> throw new AssertionError("unexpected dtype " + dtype);
        };
    }

    static Path recording(String stream) {
        return SharedData.file("recorded-by-dranspose/scan-" + stream + "-ingester.cbors");
    }

    private static JsonNode expectedRecords(String stream) throws IOException {
        JsonNode expected = JSON.readTree(SharedData.file("recorded-by-dranspose/expected.json").toFile());
        return expected.get("streams").get(stream).get("records");
    }
}
