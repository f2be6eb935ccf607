package io.jdranspose.runtime.logging;

/**
 * Decides which occurrences of a repeated problem get a log line: the first few, then at most one per
 * interval that also says how many were not logged, so a stream of bad input cannot flood the log.
 * Not thread-safe: one per thread and kind of problem.
 */
public final class LogLimiter {
    private static final int FIRST = 5;
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private long count;
    private long suppressed;
    private long lastNanos;

    /** Counts one occurrence; returns whether to log it. */
    public boolean allow() {
        count++;
        long now = System.nanoTime();
        if (count <= FIRST || now - lastNanos >= INTERVAL_NANOS) {
            lastNanos = now;
            return true;
        }
        suppressed++;
        return false;
    }

    /** Occurrences not logged since the last logged one; resets the number. */
    public long takeSuppressed() {
        long s = suppressed;
        suppressed = 0;
        return s;
    }

    /** A suffix for the log line: how many were not logged since the last one, or empty. */
    public String suffix() {
        long s = takeSuppressed();
        return s == 0 ? "" : " (" + s + " more like it not logged)";
    }

    public long count() {
        return count;
    }
}
