package io.jdranspose.runtime.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The raw upstream captures of reference §12. */
class CaptureReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "albaem-dump.cbors, 6",
            "contrast-dump.cbors, 26",
            "eiger-small.cbors, 5",
            "maui-02-continuous-3.cbor.gz, 9",
            "pcap-zmq.cbors, 102",
            "xspress3-dump.cbors, 62"})
    void readsEveryMessageOfACapture(String name, int messages) throws IOException {
        Path capture = SharedData.file("captures/" + name);

        List<List<byte[]>> read = Records.readAllMessages(capture);

        assertThat(read).hasSize(messages);
        assertThat(read).allSatisfy(parts -> assertThat(parts).isNotEmpty());
    }

    @Test
    void eigerLegacyCaptureHasNinePartHeaderFivePartImagesAndEnd() throws IOException {
        List<List<byte[]>> messages = Records.readAllMessages(SharedData.file("captures/eiger-small.cbors"));

        assertThat(messages.get(0)).extracting(p -> p.length)
                .containsExactly(56, 1231, 63, 20000, 62, 20000, 66, 8008, 546);
        for (int image = 1; image <= 3; image++) {
            assertThat(messages.get(image)).as("image message %d", image).extracting(p -> p.length)
                    .containsExactly(85, 97, 20000, 100, 2);
        }
        assertThat(messages.get(4)).singleElement()
                .satisfies(end -> assertThat(new String(end)).contains("dseries_end"));
    }

    @Test
    void gzippedCaptureHasTheLecroyTraceSizes() throws IOException {
        List<List<byte[]>> messages = Records.readAllMessages(SharedData.file("captures/maui-02-continuous-3.cbor.gz"));

        long traces = messages.stream().flatMap(List::stream).filter(p -> p.length == 64_016).count();
        assertThat(traces).as("float64 [1,8002] traces").isEqualTo(4);
    }

    @Test
    void xspressCaptureHasHeaderTwentyThreePartImagesAndEnd() throws IOException {
        List<List<byte[]>> messages = Records.readAllMessages(SharedData.file("captures/xspress3-dump.cbors"));

        assertThat(messages).allSatisfy(m -> assertThat(m).hasSize(1));
        for (int image = 0; image < 20; image++) {
            assertThat(messages.get(1 + 3 * image + 1).get(0)).as("uint32 [4,4096] of image %d", image).hasSize(65_536);
            assertThat(messages.get(1 + 3 * image + 2).get(0)).as("pickled meta of image %d", image).hasSize(658);
        }
    }

    @Test
    void sliceSelectsMessagesByIndexInTheFile() throws IOException {
        Path capture = SharedData.file("captures/pcap-zmq.cbors");
        List<List<byte[]>> all = Records.readAllMessages(capture);

        List<List<byte[]>> slice = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture, 3, 7)) {
            assertThat(reader.nextIndex()).isEqualTo(3);
            reader.forEachRemaining(slice::add);
            assertThat(reader.hasNext()).isFalse();
        }

        assertThat(slice).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(slice.get(i).get(0)).isEqualTo(all.get(3 + i).get(0));
        }
    }

    @Test
    void sliceBeyondTheEndIsEmpty() throws IOException {
        try (CaptureReader reader = CaptureReader.open(SharedData.file("captures/albaem-dump.cbors"), 6, 10)) {
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void emptySliceOrEmptyFileIsRefused() throws IOException {
        Path capture = SharedData.file("captures/albaem-dump.cbors");
        assertThatThrownBy(() -> CaptureReader.open(capture, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 2)");
        assertThatThrownBy(() -> CaptureReader.open(capture, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("begin < end");

        Path empty = Files.createFile(dir.resolve("empty.cbors"));
        assertThatThrownBy(() -> CaptureReader.open(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.cbors is empty");
    }

    @Test
    void ingesterRecordingIsRefusedWithAPointerToRecordingReader() {
        Path recording = SharedData.file("captures/dump_xrd.cbors");

        assertThatThrownBy(() -> CaptureReader.open(recording))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("dump_xrd.cbors")
                .hasMessageContaining("ingester recording")
                .hasMessageContaining("RecordingReader");
    }
}
