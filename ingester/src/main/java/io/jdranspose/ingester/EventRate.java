package io.jdranspose.ingester;

/**
 * Events per second over the last second, from a counter sampled at each heartbeat. Extra samples in
 * between (a state published at once after a scan switch) keep the last rate instead of measuring a few
 * milliseconds.
 */
final class EventRate {
    private static final long WINDOW_NANOS = 900_000_000L; // a little under the heartbeat period, so jitter never skips one

    private long sampledAtNanos = System.nanoTime();
    private long sampledCount;
    private double rate;

    synchronized double sample(long count) {
        long now = System.nanoTime();
        long elapsed = now - sampledAtNanos;
        if (elapsed >= WINDOW_NANOS) {
            rate = (count - sampledCount) * 1e9 / elapsed;
            sampledAtNanos = now;
            sampledCount = count;
        }
        return rate;
    }
}
