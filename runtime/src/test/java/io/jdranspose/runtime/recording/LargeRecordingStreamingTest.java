package io.jdranspose.runtime.recording;

import io.jdranspose.api.StreamData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB recording of 2 MiB frames is written and read back while the heap stays small: the
 * reader must stream, not load. Also prints the throughput seen (not asserted: machines differ).
 */
class LargeRecordingStreamingTest {

    private static final int FRAME_BYTES = 2 << 20;
    private static final int RECORDS = 512;
    private static final long FILE_BYTES = (long) RECORDS * FRAME_BYTES;
    private static final int HEAP_SAMPLE_EVERY = 64;

    @TempDir
    Path dir;

    @Test
    void oneGigabyteRecordingStreamsThroughASmallHeap() throws IOException {
        Path path = dir.resolve("large.cbors");
        byte[] pixels = new byte[FRAME_BYTES];
        new Random(7).nextBytes(pixels);
        Instant createdAt = Instant.parse("2026-01-01T00:00:00.000001Z");

        long writeStart = System.nanoTime();
        try (RecordingWriter writer = RecordingWriter.create(path)) {
            for (int i = 0; i < RECORDS; i++) {
                ByteBuffer.wrap(pixels).putLong(0, i); // makes every frame distinct and checkable
                byte[] header = ("{\"htype\":\"image\",\"frame\":" + i + "}").getBytes();
                writer.write(i + 1, Map.of("det", StreamData.of("STINS", header, pixels)), createdAt);
            }
        }
        long writeNanos = System.nanoTime() - writeStart;
        long size = Files.size(path);
        assertThat(size).isGreaterThan(FILE_BYTES);

        long baseline = usedHeapAfterGc();
        long peakGrowth = 0;
        long gcNanos = 0;
        int read = 0;
        long readStart = System.nanoTime();
        try (RecordingReader reader = RecordingReader.open(path)) {
            while (reader.hasNext()) {
                Recorded r = reader.next();
                byte[] frame = r.streams().get("det").frames().get(1);
                assertThat(r.eventNumber()).isEqualTo(read + 1);
                assertThat(frame).hasSize(FRAME_BYTES);
                assertThat(ByteBuffer.wrap(frame).getLong(0)).isEqualTo(read);
                assertThat(frame[FRAME_BYTES - 1]).isEqualTo(pixels[FRAME_BYTES - 1]);
                read++;
                if (read % HEAP_SAMPLE_EVERY == 0) {
                    long gcStart = System.nanoTime();
                    peakGrowth = Math.max(peakGrowth, usedHeapAfterGc() - baseline);
                    gcNanos += System.nanoTime() - gcStart;
                    assertThat(reader.bytesRead()).isBetween((long) read * FRAME_BYTES, size);
                }
            }
            assertThat(reader.bytesRead()).isEqualTo(size);
        }
        long readNanos = System.nanoTime() - readStart - gcNanos;
        Files.delete(path);

        assertThat(read).isEqualTo(RECORDS);
        assertThat(peakGrowth).as("heap growth while reading a %d-byte recording", size)
                .isLessThan(FILE_BYTES / 32);
        System.out.printf("recording throughput, %d MiB in 2 MiB frames, page cache: write %.0f MB/s,"
                        + " read %.0f MB/s; heap growth while reading %d KiB%n",
                size >> 20, size / (writeNanos / 1e3), size / (readNanos / 1e3), peakGrowth >> 10);
    }

    /** Frames above 64 MiB in gzip files are read in growing steps (the size is unknown up front). */
    @Test
    void frameLargerThan64MiBSurvivesAGzipRoundTrip() throws IOException {
        Path path = dir.resolve("big-frame.cbors.gz");
        byte[] frame = new byte[(80 << 20) + 3];
        frame[0] = 1;
        frame[frame.length - 1] = 2;
        try (RecordingWriter writer = RecordingWriter.create(path)) {
            writer.write(1, Map.of("det", StreamData.of("STINS", frame)), null);
        }

        try (RecordingReader reader = RecordingReader.open(path)) {
            byte[] read = reader.next().streams().get("det").frames().get(0);
            assertThat(read.length).isEqualTo(frame.length);
            assertThat(read[0]).isEqualTo((byte) 1);
            assertThat(read[read.length - 1]).isEqualTo((byte) 2);
            assertThat(java.util.Arrays.equals(read, frame)).isTrue();
            assertThat(reader.hasNext()).isFalse();
        }
    }

    private static long usedHeapAfterGc() {
        // Garbage would hide what the reader really holds on to, so measure right after a collection.
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
