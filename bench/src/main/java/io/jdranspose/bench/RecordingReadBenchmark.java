package io.jdranspose.bench;

import io.jdranspose.api.StreamData;
import io.jdranspose.runtime.recording.RecordingReader;
import io.jdranspose.runtime.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Reading a recording of 100,000 small (10×10 uint16) STINS records: records/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordingReadBenchmark {
    private static final int RECORDS = 100_000;
    private Path file;

    @Setup
    public void setUp() throws IOException {
        file = Files.createTempFile("bench", ".cbors");
        byte[] header = "{\"htype\":\"image\",\"frame\":0,\"shape\":[10,10],\"type\":\"uint16\",\"compression\":\"none\",\"msg_number\":1}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (RecordingWriter w = RecordingWriter.create(file)) {
            for (int i = 0; i < RECORDS; i++) {
                w.write(i, Map.of("eiger", StreamData.of("STINS", header, new byte[200])), Instant.now());
            }
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long readAll() throws IOException {
        long n = 0;
        try (RecordingReader r = RecordingReader.open(file)) {
            while (r.hasNext()) {
                n += r.next().eventNumber();
            }
        }
        return n;
    }
}
