package io.jdranspose.bench;

import io.jdranspose.api.DType;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.simulator.DiffractionFrames;
import io.jdranspose.simulator.StinsMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a STINS image message: the header alone (the ingester's work per frame) and with every pixel read
 * (the work of a typical worker).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StinsParseBenchmark {
    /** An image header as a detector sends it, with the sender's timestamp the simulator adds. */
    private static final String HEADER = "{\"htype\":\"image\",\"frame\":17,\"shape\":[2048],\"type\":\"uint8\","
            + "\"compression\":\"none\",\"msg_number\":18,\"sent_ns\":123456789}";

    private List<byte[]> small;
    private List<byte[]> large;
    private List<byte[]> headerAnd2k;

    @Setup
    public void setUp() {
        small = image(10, 10);
        large = image(1024, 1024);
        headerAnd2k = List.of(HEADER.getBytes(StandardCharsets.UTF_8), new byte[2048]);
    }

    private static List<byte[]> image(int rows, int cols) {
        DiffractionFrames f = DiffractionFrames.builder(rows, cols, DType.UINT16).build();
        return StinsMessages.image(0, f.shape(), DType.UINT16, f.frame(0));
    }

    /** Header JSON + a 2 kB uint8 image, pixels untouched: what the ingester pays per frame to classify it. */
    @Benchmark
    public long parseHeaderOnly() {
        return Stins.parse(headerAnd2k).msgNumber();
    }

    /** Header JSON + a 200 B image: parse cost per event. */
    @Benchmark
    public double parseAndSum10x10() {
        return Stins.parse(small).image().data().sum();
    }

    /** 2 MiB image: bytes/s = ops/s × 2,097,152. */
    @Benchmark
    public double parseAndSum1024x1024() {
        return Stins.parse(large).image().data().sum();
    }
}
