package io.jdranspose.app.bench;

import java.util.Arrays;
import java.util.Locale;

/** Request times of one benchmark case, with percentiles. Not thread-safe: one thread records. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    int count() {
        return count;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100 * count) - 1));
        return sorted[index] / 1e6;
    }

    /** {@code p50 0.31 ms, p99 0.90 ms}. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %s ms, p99 %s ms", millis(percentileMillis(50)),
                millis(percentileMillis(99)));
    }

    private static String millis(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }
}
