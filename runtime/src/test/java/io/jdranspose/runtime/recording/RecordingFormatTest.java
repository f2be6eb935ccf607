package io.jdranspose.runtime.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "captures/dump_xrd.cbors, INGESTER_RECORDING",
            "recorded-by-dranspose/scan-eiger-ingester.cbors, INGESTER_RECORDING",
            "recorded-by-dranspose/scan-orca-ingester.cbors, INGESTER_RECORDING",
            "captures/albaem-dump.cbors, RAW_CAPTURE",
            "captures/contrast-dump.cbors, RAW_CAPTURE",
            "captures/eiger-small.cbors, RAW_CAPTURE",
            "captures/maui-02-continuous-3.cbor.gz, RAW_CAPTURE",
            "captures/pcap-zmq.cbors, RAW_CAPTURE",
            "captures/xspress3-dump.cbors, RAW_CAPTURE"})
    void sniffsTheSharedFiles(String name, RecordingFormat format) throws IOException {
        assertThat(RecordingFormat.sniff(SharedData.file(name))).isEqualTo(format);
    }

    @Test
    void sniffsAGzippedRecording() throws IOException {
        Path gz = dir.resolve("r.cbors.gz");
        try (RecordingWriter writer = RecordingWriter.create(gz)) {
            writer.write(0, java.util.Map.of(), null);
        }
        assertThat(RecordingFormat.sniff(gz)).isEqualTo(RecordingFormat.INGESTER_RECORDING);
    }

    @Test
    void untaggedRecordsAreStillRecordings() {
        // [5, {}] and [5, {}, 0("...")] without tags; [h'01'] is a capture message.
        assertThat(RecordingFormat.classify(new byte[] {(byte) 0x82, 0x05, (byte) 0xa0}))
                .isEqualTo(RecordingFormat.INGESTER_RECORDING);
        assertThat(RecordingFormat.classify(new byte[] {(byte) 0x83, 0x05, (byte) 0xa0, (byte) 0xc0}))
                .isEqualTo(RecordingFormat.INGESTER_RECORDING);
        assertThat(RecordingFormat.classify(new byte[] {(byte) 0x81, 0x41, 0x01}))
                .isEqualTo(RecordingFormat.RAW_CAPTURE);
        assertThat(RecordingFormat.classify(new byte[] {(byte) 0x84, 0x05})).isNull();
    }

    @Test
    void emptyFileIsNeitherFormat() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.cbors"));

        assertThatThrownBy(() -> RecordingFormat.sniff(empty))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("empty.cbors is empty");
    }

    @Test
    void textFileIsNeitherFormat() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.cbors"), "just some notes\n");

        assertThatThrownBy(() -> RecordingFormat.sniff(text))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("notes.cbors is neither an ingester recording nor a raw capture")
                .hasMessageContaining("6a 75 73 74");
    }
}
