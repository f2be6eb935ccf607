package io.jdranspose.bench;

import io.jdranspose.runtime.codec.ResultCodec;
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

/** The worker → reducer round trip of a small result and of an I(q) curve. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResultCodecBenchmark {
    /** A typical small result. */
    public record Roi(long event, long frame, double mean) { }

    /** A typical curve result. */
    public record Curve(long event, float[] intensity) { }

    private ResultCodec codec;
    private Roi roi;
    private Curve curve;

    @Setup
    public void setUp() {
        codec = ResultCodec.forTypes(List.of(Roi.class, Curve.class));
        roi = new Roi(12, 11, 104.5);
        curve = new Curve(12, new float[1000]);
    }

    @Benchmark
    public Object roundTripSmallRecord() {
        return codec.decode(codec.encode(roi));
    }

    @Benchmark
    public Object roundTrip1000FloatCurve() {
        return codec.decode(codec.encode(curve));
    }
}
