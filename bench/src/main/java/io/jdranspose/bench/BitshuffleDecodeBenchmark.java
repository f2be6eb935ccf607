package io.jdranspose.bench;

import io.jdranspose.api.compression.BitshuffleLz4;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one Eiger-4M frame (2162×2068 uint32, bslz4) into a reused buffer. The score is frames/s; the byte
 * rate is frames/s × 17,884,064 B (e.g. 60 ops/s = 1.07 GB/s).
 *
 * <pre>
 * java -cp bench/target/jdranspose-benchmarks.jar org.openjdk.jmh.Main BitshuffleDecode -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BitshuffleDecodeBenchmark {
    /** Eiger 4M. */
    static final int ROWS = 2162;
    static final int COLUMNS = 2068;
    public static final int FRAME_BYTES = ROWS * COLUMNS * 4;

    /** Mean photon count per pixel: 0.5 is a sparse diffraction frame, 200 a dense flat-field-like one. */
    @Param({"0.5", "200"})
    public double mean;

    private byte[] compressed;
    private ByteBuffer out;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        ByteBuffer raw = ByteBuffer.allocate(FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < ROWS * COLUMNS; i++) {
            raw.putInt(poisson(random, mean));
        }
        compressed = BitshuffleLz4.encode(raw.array(), 4);
        out = ByteBuffer.allocate(FRAME_BYTES);
        System.out.printf("%n%s mean %.1f: %d B compressed (%.1f %%)%n", getClass().getSimpleName(), mean,
                compressed.length, 100.0 * compressed.length / FRAME_BYTES);
    }

    private static int poisson(SplittableRandom random, double mean) {
        if (mean > 30) {   // normal approximation: exact Poisson sampling at 200 would dominate set-up time
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** One frame decoded; bytes/s = score × {@value #FRAME_BYTES}. */
    @Benchmark
    public ByteBuffer decode() {
        out.clear();
        BitshuffleLz4.decode(ByteBuffer.wrap(compressed), 4, out);
        return out;
    }
}
