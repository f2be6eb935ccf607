package io.jdranspose.app.bench;

import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.PublishTree;
import java.time.Duration;
import java.util.Arrays;

/**
 * The reducer of {@code bench pipeline}: for every result, the time from the source sending the frame to
 * this reduce call (both processes read the same monotonic clock, {@code System.nanoTime()} on one host), and
 * its two legs: source → the plugin's call, and the plugin's call → this reduce call.
 * Publishes at the end, as attributes of the root group, the count, the first send and last reduce times and
 * the latency percentiles, which the bench reads over the HSDS API.
 */
public final class LatencyReducer implements Reducer<long[]> {
    private long[] latencies = new long[1 << 16];
    /** Source → the plugin's call. */
    private long[] toPlugin = new long[1 << 16];
    private int count;
    private long firstSent = Long.MAX_VALUE;
    private long lastReduced;

    @Override
    public void reduce(ResultData<long[]> result, Parameters parameters, PublishTree tree) {
        long now = System.nanoTime();
        long sent = result.payload()[0];
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
            toPlugin = Arrays.copyOf(toPlugin, count * 2);
        }
        toPlugin[count] = result.payload()[1] - sent;
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
        long[] legs = Arrays.copyOf(toPlugin, count);
        Arrays.sort(legs);
        tree.root().attribute("bench_to_plugin_p50_ns", percentile(legs, 0.50));
        tree.root().attribute("bench_to_plugin_p99_ns", percentile(legs, 0.99));
        for (int i = 0; i < count; i++) {
            legs[i] = latencies[i] - toPlugin[i];
        }
        Arrays.sort(legs);
        tree.root().attribute("bench_from_plugin_p50_ns", percentile(legs, 0.50));
        tree.root().attribute("bench_from_plugin_p99_ns", percentile(legs, 0.99));
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
