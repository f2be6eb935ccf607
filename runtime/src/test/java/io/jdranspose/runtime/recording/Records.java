package io.jdranspose.runtime.recording;

import io.jdranspose.api.StreamData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading whole (small) recordings and comparing records by content, for tests. */
final class Records {

    private Records() {
    }

    static List<Recorded> readAll(Path path) throws IOException {
        List<Recorded> records = new ArrayList<>();
        try (RecordingReader reader = RecordingReader.open(path)) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    static List<List<byte[]>> readAllMessages(Path path) throws IOException {
        List<List<byte[]>> messages = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(path)) {
            reader.forEachRemaining(messages::add);
        }
        return messages;
    }

    /** Same event numbers, timestamps, stream names in order, typs and frame bytes. */
    static void assertSameRecords(List<Recorded> actual, List<Recorded> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Recorded a = actual.get(i);
            Recorded e = expected.get(i);
            assertThat(a.eventNumber()).as("event number of record %d", i).isEqualTo(e.eventNumber());
            assertThat(a.createdAt()).as("created_at of record %d", i).isEqualTo(e.createdAt());
            assertThat(a.streams().keySet()).as("streams of record %d", i)
                    .containsExactlyElementsOf(e.streams().keySet());
            for (Map.Entry<String, StreamData> stream : e.streams().entrySet()) {
                StreamData as = a.streams().get(stream.getKey());
                assertThat(as.type()).isEqualTo(stream.getValue().type());
                assertThat(as.frames()).as("frames of %s in record %d", stream.getKey(), i)
                        .usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(stream.getValue().frames());
            }
        }
    }
}
