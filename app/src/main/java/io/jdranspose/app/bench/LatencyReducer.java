package io.jdranspose.app.bench;

import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.PublishTree;
import java.time.Duration;
import java.util.Arrays;

/**
 * The reducer of {@code bench pipeline}: for every result, the time from the source sending the frame to
 * this reduce call (both processes read the same monotonic clock, {@code System.nanoTime()} on one host).
 * Publishes at the end, as attributes of the root group, the count, the first send and last reduce times and
 * the latency percentiles, which the bench reads over the HSDS API.
 */
public final class LatencyReducer implements Reducer<Long> {
    private long[] latencies = new long[1 << 16];
    private int count;
    private long firstSent = Long.MAX_VALUE;
    private long lastReduced;

    @Override
    public void reduce(ResultData<Long> result, Parameters parameters, PublishTree tree) {
        long now = System.nanoTime();
        long sent = result.payload();
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = now - sent;
        firstSent = Math.min(firstSent, sent);
        lastReduced = now;
    }

    /** Only the count while the scan runs: sorting every latency five times a second would load the reducer. */
    @Override
    public Duration timer(Parameters parameters, PublishTree tree) {
        tree.root().attribute("bench_count", (long) count);
        return Duration.ofMillis(200);
    }

    @Override
    public void finish(Parameters parameters, PublishTree tree) {
        publish(tree);
    }

    private void publish(PublishTree tree) {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        tree.root().attribute("bench_count", (long) count);
        tree.root().attribute("bench_first_sent_ns", count == 0 ? 0L : firstSent);
        tree.root().attribute("bench_last_reduced_ns", lastReduced);
        tree.root().attribute("bench_p50_ns", percentile(sorted, 0.50));
        tree.root().attribute("bench_p99_ns", percentile(sorted, 0.99));
        tree.root().attribute("bench_max_ns", count == 0 ? 0L : sorted[count - 1]);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
