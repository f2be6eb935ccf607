package io.jdranspose.runtime.recording;

import io.jdranspose.api.StreamData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingWriterTest {

    @TempDir
    Path dir;

    /** README point 2: writing upstream's records back gives upstream's bytes. */
    @ParameterizedTest
    @ValueSource(strings = {
            "recorded-by-dranspose/scan-eiger-ingester.cbors",
            "recorded-by-dranspose/scan-orca-ingester.cbors",
            "captures/dump_xrd.cbors"})
    void rewritingARecordingReproducesItByteForByte(String name) throws IOException {
        Path original = SharedData.file(name);
        List<Recorded> records = Records.readAll(original);
        Path copy = dir.resolve("copy.cbors");

        try (RecordingWriter writer = RecordingWriter.create(copy)) {
            for (Recorded r : records) {
                writer.write(r.eventNumber(), r.streams(), r.createdAt());
            }
        }

        assertThat(Files.mismatch(copy, original)).as("first differing byte").isEqualTo(-1L);
        Records.assertSameRecords(Records.readAll(copy), records);
    }

    @Test
    void gzipRoundTripCompressesAndReadsBackTheSameRecords() throws IOException {
        Path original = UpstreamRecordingTest.recording("eiger");
        List<Recorded> records = Records.readAll(original);
        Path gz = dir.resolve("eiger.cbors.gz");

        try (RecordingWriter writer = RecordingWriter.create(gz)) {
            records.forEach(r -> write(writer, r));
        }

        assertThat(Files.readAllBytes(gz)).startsWith(0x1f, 0x8b);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).as("decompressed").isEqualTo(Files.readAllBytes(original));
        }
        Records.assertSameRecords(Records.readAll(gz), records);
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws IOException {
        List<Recorded> records = Records.readAll(UpstreamRecordingTest.recording("orca"));
        Path gz = dir.resolve("orca.cbors.gz");
        try (RecordingWriter writer = RecordingWriter.create(gz)) {
            records.forEach(r -> write(writer, r));
        }
        Path misnamed = Files.move(gz, dir.resolve("orca.pkls"));

        Records.assertSameRecords(Records.readAll(misnamed), records);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan.cbors", "scan.cbors.gz"})
    void appendAddsToAnExistingRecordingWhileCreateTruncates(String name) throws IOException {
        Path path = dir.resolve(name);
        List<Recorded> records = Records.readAll(UpstreamRecordingTest.recording("eiger"));

        try (RecordingWriter writer = RecordingWriter.create(path)) {
            records.subList(0, 5).forEach(r -> write(writer, r));
        }
        try (RecordingWriter writer = RecordingWriter.append(path)) {
            records.subList(5, 12).forEach(r -> write(writer, r));
        }
        Records.assertSameRecords(Records.readAll(path), records);

        try (RecordingWriter writer = RecordingWriter.create(path)) {
            write(writer, records.get(7));
        }
        Records.assertSameRecords(Records.readAll(path), List.of(records.get(7)));
    }

    @Test
    void appendCreatesAMissingFile() throws IOException {
        Path path = dir.resolve("new.cbors");
        try (RecordingWriter writer = RecordingWriter.append(path)) {
            writer.write(0, Map.of("s", StreamData.of("STINS", new byte[] {1})), null);
        }
        assertThat(Records.readAll(path)).hasSize(1);
    }

    @Test
    void usesShortestIntegerEncodingsAndUpstreamTags() throws IOException {
        Path path = dir.resolve("one.cbors");
        Map<String, StreamData> streams = new LinkedHashMap<>();
        streams.put("a", StreamData.of("T", new byte[24]));
        streams.put("b", StreamData.of("T", new byte[256], new byte[0]));
        try (RecordingWriter writer = RecordingWriter.create(path)) {
            writer.write(70_000, streams, Instant.parse("2024-04-25T06:07:59.123456Z"));
        }

        String hex = HexFormat.of().formatHex(Files.readAllBytes(path));

        assertThat(hex).isEqualTo("d9d9f7" + "d9a77d" + "83" + "1a00011170" + "a2"
                + "6161" + "d9a77e" + "82" + "6154" + "81" + "5818" + "00".repeat(24)
                + "6162" + "d9a77e" + "82" + "6154" + "82" + "590100" + "00".repeat(256) + "40"
                + "c0" + "781b" + HexFormat.of().formatHex("2024-04-25T06:07:59.123456Z".getBytes()));
    }

    @Test
    void createdAtIsWrittenLikePythonsIsoformat() {
        assertThat(CreatedAt.format(Instant.parse("2026-11-22T00:00:38.618698Z"))).isEqualTo("2026-11-22T00:00:38.618698Z");
        assertThat(CreatedAt.format(Instant.parse("2026-11-22T00:00:38.000001Z"))).isEqualTo("2026-11-22T00:00:38.000001Z");
        // Python's isoformat leaves out a zero fraction; cbor2 writes exactly that.
        assertThat(CreatedAt.format(Instant.parse("2026-11-22T00:00:38Z"))).isEqualTo("2026-11-22T00:00:38Z");
        // Python holds microseconds only, so the nanoseconds are cut (not rounded).
        assertThat(CreatedAt.format(Instant.parse("2026-11-22T00:00:38.123456999Z"))).isEqualTo("2026-11-22T00:00:38.123456Z");
        assertThat(CreatedAt.format(Instant.parse("2026-11-22T00:00:38.000000999Z"))).isEqualTo("2026-11-22T00:00:38Z");
    }

    @Test
    void rejectsNegativeEventNumbersAndWritesAfterClose() throws IOException {
        RecordingWriter writer = RecordingWriter.create(dir.resolve("x.cbors"));
        assertThatThrownBy(() -> writer.write(-1, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        writer.close();
        assertThatThrownBy(() -> writer.write(0, Map.of(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void flushMakesRecordsReadableBeforeClose() throws IOException {
        Path path = dir.resolve("live.cbors");
        try (RecordingWriter writer = RecordingWriter.create(path)) {
            writer.write(0, Map.of("s", StreamData.of("STINS", new byte[] {1, 2})), Instant.EPOCH);
            assertThat(Files.size(path)).isZero();
            writer.flush();
            assertThat(Records.readAll(path)).singleElement()
                    .satisfies(r -> assertThat(r.createdAt()).isEqualTo(Instant.EPOCH));
        }
    }

    private static void write(RecordingWriter writer, Recorded record) {
        try {
            writer.write(record);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
