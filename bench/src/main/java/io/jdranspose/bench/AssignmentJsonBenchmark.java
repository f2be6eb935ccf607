package io.jdranspose.bench;

import io.jdranspose.runtime.control.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The assignment batches the controller publishes and every ingester reads from Redis: 64 events of two streams,
 * one worker each, as in a two-detector scan. Events/s = ops/s × 64.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AssignmentJsonBenchmark {
    private List<Assignment> batch;
    private byte[] json;

    @Setup
    public void setUp() {
        batch = new ArrayList<>();
        for (int k = 0; k < 64; k++) {
            batch.add(new Assignment(1000 + k, Map.of("eiger", List.of("worker" + k % 4),
                    "pcap", List.of("worker" + (k + 1) % 4))));
        }
        json = Assignment.toJson(batch);
    }

    @Benchmark
    public List<Assignment> listFromJson64() {
        return Assignment.listFromJson(json);
    }

    @Benchmark
    public byte[] toJson64() {
        return Assignment.toJson(batch);
    }
}
