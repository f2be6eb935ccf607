package io.jdranspose.runtime.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Truncated, corrupt and foreign files: what was readable is delivered, then a message that says what happened. */
class DamagedRecordingTest {

    /** created_at at the end of each record: tag (1) + text head (2) + 27 characters. */
    private static final int CREATED_AT_BYTES = 30;

    @TempDir
    Path dir;

    private final Path eiger = UpstreamRecordingTest.recording("eiger");
    /** Size of each record of the eiger recording, from expected.json. */
    private final int[] recordBytes = recordBytes();

    @Test
    void recordSizesAreThoseOfTheFile() throws IOException {
        assertThat(Arrays.stream(recordBytes).sum()).isEqualTo((int) Files.size(eiger));
    }

    @Test
    void cutInsideFrameDataDeliversEarlierRecordsThenNamesFileRecordAndOffset() throws IOException {
        int start = recordStart(5);
        int cut = start + recordBytes[5] - CREATED_AT_BYTES - 100; // 284 of the 384 pixel bytes remain
        Path truncated = copyPrefix(eiger, cut, "cut.cbors");

        RecordingException e = readUntilFailure(truncated, 5);

        assertThat(e).hasMessage("truncated inside record 5 at byte " + start + " of " + truncated
                + ": expected 384 bytes of frame data, file ends after 284");
    }

    @Test
    void cutInsideARecordHeadIsTruncationToo() throws IOException {
        Path truncated = copyPrefix(eiger, recordStart(11) + 4, "head.cbors");

        RecordingException e = readUntilFailure(truncated, 11);

        assertThat(e.getMessage()).startsWith("truncated inside record 11 at byte " + recordStart(11) + " of " + truncated)
                .contains("file ends");
    }

    @Test
    void cutBetweenRecordsIsAShorterRecording() throws IOException {
        Path shorter = copyPrefix(eiger, recordStart(7), "short.cbors");

        assertThat(Records.readAll(shorter)).hasSize(7);
    }

    @Test
    void failureRepeatsInsteadOfLookingLikeTheEnd() throws IOException {
        Path truncated = copyPrefix(eiger, recordStart(2) + 50, "cut.cbors");
        try (RecordingReader reader = RecordingReader.open(truncated)) {
            reader.next();
            reader.next();
            RecordingException first = catchThrowableOfType(RecordingException.class, reader::hasNext);
            RecordingException second = catchThrowableOfType(RecordingException.class, reader::next);
            assertThat(second).isSameAs(first);
        }
    }

    @Test
    void truncatedGzipDeliversEarlierRecordsThenSaysSo() throws IOException {
        byte[] original = Files.readAllBytes(eiger);
        Path gz = dir.resolve("eiger.cbors.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(original);
        }
        Path truncated = copyPrefix(gz, (int) Files.size(gz) / 2, "cut.cbors.gz");

        List<Recorded> delivered = new ArrayList<>();
        RecordingException e = catchThrowableOfType(RecordingException.class, () -> {
            try (RecordingReader reader = RecordingReader.open(truncated)) {
                reader.forEachRemaining(delivered::add);
            }
        });

        assertThat(e).isNotNull();
        assertThat(delivered).isNotEmpty().hasSizeLessThan(12);
        assertThat(e.getMessage()).startsWith("truncated inside record " + delivered.size() + " at byte "
                        + recordStart(delivered.size()) + " (uncompressed) of " + truncated)
                .contains("gzip data is cut off");
    }

    @Test
    void gzipChecksumMismatchIsReportedAsCorruption() throws IOException {
        Path gz = dir.resolve("eiger.cbors.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(eiger));
        }
        byte[] bytes = Files.readAllBytes(gz);
        bytes[bytes.length - 8] ^= 1; // first byte of the CRC-32 in the gzip trailer
        Path corrupt = Files.write(dir.resolve("crc.cbors.gz"), bytes);

        // The data itself decodes; the damage shows when the trailer is checked after the last record.
        RecordingException e = readUntilFailure(corrupt, 12);

        assertThat(e).hasMessageStartingWith("corrupt record 12 at byte " + Files.size(eiger) + " (uncompressed) of "
                + corrupt + ": the gzip data is corrupt");
    }

    @Test
    void wrongTagInALaterRecordIsReportedAsCorruption() throws IOException {
        byte[] bytes = Files.readAllBytes(eiger);
        int streamTag = recordStart(3) + 6 + 1 + 1 + 1 + 6; // tags, array(3), event, map(1), "eiger"
        assertThat(Arrays.copyOfRange(bytes, streamTag, streamTag + 3)).containsExactly(0xd9, 0xa7, 0x7e);
        bytes[streamTag + 2] = 0x7f;
        Path corrupt = Files.write(dir.resolve("corrupt.cbors"), bytes);

        RecordingException e = readUntilFailure(corrupt, 3);

        assertThat(e).hasMessage("corrupt record 3 at byte " + recordStart(3) + " of " + corrupt
                + ": expected stream 'eiger' as [typ, frames], found tag 42879 at byte " + streamTag);
    }

    /** A corrupt length must not make the reader allocate a gigabyte before it notices the data is missing. */
    @Test
    void hugeDeclaredFrameIsReportedAsTruncation() throws IOException {
        // 42877([0, {"s": 42878(["t", [bytes of length 2^30 ...]])}]) followed by only 3 bytes
        byte[] bytes = java.util.HexFormat.of().parseHex("d9a77d82" + "00a1" + "6173" + "d9a77e82" + "6174" + "81"
                + "5a40000000" + "010203");
        Path plain = Files.write(dir.resolve("huge.cbors"), bytes);
        Path gz = dir.resolve("huge.cbors.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }

        assertThat(readUntilFailure(plain, 0)).hasMessage("truncated inside record 0 at byte 0 of " + plain
                + ": expected 1073741824 bytes of frame data, file ends after 3");
        assertThat(readUntilFailure(gz, 0)).hasMessage("truncated inside record 0 at byte 0 (uncompressed) of " + gz
                + ": expected 1073741824 bytes of frame data, file ends after 3");
    }

    @Test
    void textIsNotARecording() throws IOException {
        Path text = Files.writeString(dir.resolve("readme.cbors"), "this is not CBOR\n");

        assertThatThrownBy(() -> RecordingReader.open(text))
                .isInstanceOf(RecordingException.class)
                .hasMessageStartingWith(text + " is not a jdranspose/dranspose recording");
    }

    @Test
    void rawCaptureIsNotARecording() {
        Path capture = SharedData.file("captures/eiger-small.cbors");

        assertThatThrownBy(() -> RecordingReader.open(capture))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining(capture.toString())
                .hasMessageContaining("raw upstream capture")
                .hasMessageContaining("CaptureReader")
                .hasMessageContaining("jdranspose simulate capture");
    }

    @Test
    void emptyFileIsAnEmptyRecording() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.cbors"));

        assertThat(Records.readAll(empty)).isEmpty();
    }

    @Test
    void truncatedCaptureDeliversEarlierMessages() throws IOException {
        Path capture = SharedData.file("captures/xspress3-dump.cbors");
        // header, image 0 (JSON, 65 536 pixel bytes, meta), image 1 JSON, then image 1's pixels get cut
        Path truncated = copyPrefix(capture, 70_000, "xspress3-cut.cbors");

        List<List<byte[]>> delivered = new ArrayList<>();
        RecordingException e = catchThrowableOfType(RecordingException.class, () -> {
            try (CaptureReader reader = CaptureReader.open(truncated)) {
                reader.forEachRemaining(delivered::add);
            }
        });

        assertThat(delivered.size()).isEqualTo(5);
        assertThat(e).hasMessageStartingWith("truncated inside message 5 at byte ")
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("expected 65536 bytes of message part data, file ends after ");
    }

    /** Random bytes and random damage must end in a RecordingException, never in some other failure. */
    @Test
    void randomGarbageAndBitFlipsOnlyEverGiveRecordingExceptions() throws IOException {
        Random random = new Random(42);
        byte[] original = Files.readAllBytes(eiger);
        for (int round = 0; round < 300; round++) {
            byte[] bytes;
            if (round % 3 == 0) {
                bytes = new byte[1 + random.nextInt(2000)];
                random.nextBytes(bytes);
            } else {
                bytes = original.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            Path damaged = Files.write(dir.resolve("fuzz-" + round + ".cbors"), bytes);
            assertReadsOrFailsCleanly(damaged, true);
            assertReadsOrFailsCleanly(damaged, false);
        }
    }

    private static void assertReadsOrFailsCleanly(Path path, boolean asRecording) {
        try {
            if (asRecording) {
                try (RecordingReader reader = RecordingReader.open(path)) {
                    reader.forEachRemaining(r -> { });
                }
            } else {
                try (CaptureReader reader = CaptureReader.open(path)) {
                    reader.forEachRemaining(m -> { });
                }
            }
        } catch (RecordingException e) {
            assertThat(e.getMessage()).contains(path.toString());
        } catch (Exception e) {
            throw new AssertionError("reading " + path + (asRecording ? " as recording" : " as capture")
                    + " failed with " + e, e);
        }
    }

    private RecordingException readUntilFailure(Path path, int recordsBeforeDamage) throws IOException {
        try (RecordingReader reader = RecordingReader.open(path)) {
            for (int i = 0; i < recordsBeforeDamage; i++) {
                assertThat(reader.next().eventNumber()).isEqualTo(i);
            }
            RecordingException e = catchThrowableOfType(RecordingException.class, reader::next);
            assertThat(e).as("exception after %d records", recordsBeforeDamage).isNotNull();
            return e;
        }
    }

    private static int[] recordBytes() {
        try {
            JsonNode records = new ObjectMapper().readTree(SharedData.file("recorded-by-dranspose/expected.json").toFile())
                    .get("streams").get("eiger").get("records");
            int[] sizes = new int[records.size()];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = records.get(i).get("record_bytes").asInt();
            }
            return sizes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int recordStart(int record) {
        return Arrays.stream(recordBytes, 0, record).sum();
    }

    private Path copyPrefix(Path source, int length, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, length));
    }
}
