package io.jdranspose.runtime.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.EventData;
import io.jdranspose.api.StreamData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream's tutorial recording {@code dump_xrd.cbors}: the older 2-element records, without created_at. */
class LegacyRecordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dumpXrd = SharedData.file("captures/dump_xrd.cbors");

    @Test
    void readsElevenEventsOfStreamXrd() throws IOException {
        List<Recorded> records = Records.readAll(dumpXrd);

        assertThat(records).extracting(Recorded::eventNumber)
                .containsExactlyElementsOf(LongStream.rangeClosed(0, 10).boxed().toList());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.streams()).containsOnlyKeys("xrd");
            assertThat(r.streams().get("xrd").type()).isEqualTo("STINS");
            assertThat(r.createdAt()).isNull();
        });
    }

    @Test
    void framesFollowTheStinsStartImageEndPattern() throws IOException {
        List<Recorded> records = Records.readAll(dumpXrd);

        StreamData start = records.get(0).streams().get("xrd");
        assertThat(start.frames()).hasSize(1);
        JsonNode header = JSON.readTree(start.frames().get(0));
        assertThat(header.get("htype").asText()).isEqualTo("header");
        assertThat(header.get("filename").asText()).isEqualTo("output/xrd.h5");

        for (int event = 1; event <= 9; event++) {
            StreamData image = records.get(event).streams().get("xrd");
            assertThat(image.frames()).as("event %d", event).hasSize(2);
            JsonNode imageHeader = JSON.readTree(image.frames().get(0));
            assertThat(imageHeader.get("htype").asText()).isEqualTo("image");
            assertThat(imageHeader.get("frame").asInt()).isEqualTo(event - 1);
            assertThat(image.frames().get(1)).as("10x10 uint16 pixels of event %d", event).hasSize(200);
        }

        StreamData end = records.get(10).streams().get("xrd");
        assertThat(end.frames()).hasSize(1);
        assertThat(JSON.readTree(end.frames().get(0)).get("htype").asText()).isEqualTo("series_end");
    }

    @Test
    void recordBecomesAnEventWithTheSameStreams() throws IOException {
        Recorded third = Records.readAll(dumpXrd).get(3);

        EventData event = third.toEvent();

        assertThat(event.eventNumber()).isEqualTo(3);
        assertThat(event.requireStream("xrd").frames()).containsExactlyElementsOf(third.streams().get("xrd").frames());
    }

    @Test
    void reportsProgressUpToTheFileSize() throws IOException {
        try (RecordingReader reader = RecordingReader.open(dumpXrd)) {
            assertThat(reader.fileSize()).isEqualTo(3173);
            assertThat(reader.path()).isEqualTo(dumpXrd);
            reader.forEachRemaining(r -> { });
            assertThat(reader.bytesRead()).isEqualTo(reader.fileSize());
            assertThat(reader.hasNext()).isFalse();
        }
    }
}
