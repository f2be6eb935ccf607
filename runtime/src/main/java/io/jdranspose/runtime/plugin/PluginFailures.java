package io.jdranspose.runtime.plugin;

import org.slf4j.Logger;

/**
 * Counts and logs what a plugin threw. Every failure gets a log line naming the event; only the first few
 * carry a stack trace, so a plugin failing on every event of a long scan does not flood the log.
 */
public final class PluginFailures {
    private static final int STACK_TRACES_LOGGED = 3;

    private final Logger log;
    private volatile long count;

    public PluginFailures(Logger log) {
        this.log = log;
    }

    /** Logs one failure (from the single thread that owns this counter) and counts it. */
    public void record(String message, Throwable cause) {
        long n = ++count;
        if (n <= STACK_TRACES_LOGGED) {
            log.error(message, cause);
        } else {
            log.error(message);
        }
    }

    public long count() {
        return count;
    }
}
