package io.jdranspose.bench;

import io.jdranspose.api.pcap.PcapRowSplitter;
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
 * The PCAP ingester's hot path: one upstream data message of the real shape (15 rows, 5 float fields, numbers as
 * in pcap-zmq.cbors) split into row frames. Rows/s = ops/s × 15.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PcapRowSplitBenchmark {
    /** Message 2 of pcap-zmq.cbors, as the PandA sent it. */
    private static final String MESSAGE = "{\"message_id\": 2, \"message_type\": \"data\", \"version\": 1, "
            + "\"frame_number\": 0, \"inttime\": [7.1160000000000005, 7.315, 7.093800000000001, 7.1584, 7.1322, "
            + "7.1062, 7.0206, 6.9082, 7.0164, 6.912, 6.966, 6.885000000000001, 6.7946, 6.731800000000001, "
            + "6.9636000000000005], \"triggernumber\": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, "
            + "12.0, 13.0, 14.0, 15.0], \"repeatindex\": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, "
            + "1.0, 1.0, 1.0, 1.0], \"energy\": [8879.101048716273, 8879.299376689953, 8879.5003861779, "
            + "8879.699330779304, 8879.8999612314, 8880.099636263549, 8880.300291637586, 8880.499422033765, "
            + "8880.700264322526, 8880.900116547104, 8881.099615570443, 8881.29966467182, 8881.499998985424, "
            + "8881.700179495409, 8881.900461311128], \"INENC3.VAL.Mean\": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, "
            + "0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]}";

    private byte[] message;

    @Setup
    public void setUp() {
        message = MESSAGE.getBytes(StandardCharsets.UTF_8);
        if (PcapRowSplitter.split(message).size() != 15) {
            throw new IllegalStateException("the benchmark message must split into 15 rows");
        }
    }

    /** One message of 15 rows: rows/s = ops/s × 15. */
    @Benchmark
    public List<byte[]> split15Rows() {
        return PcapRowSplitter.split(message);
    }
}
