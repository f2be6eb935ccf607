package io.jdranspose.app.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Repeats a workload until the JIT has compiled what it runs: until the compilers spent less than 5 % of
 * each of two consecutive seconds compiling (or the time limit is up). On a loaded 2-core machine the
 * compiler threads need tens of seconds for an HTTP server and client, and a measurement taken earlier
 * counts their CPU against the reducer.
 */
final class WarmUp {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final long QUIET_COMPILE_MILLIS = 50;
    private static final int QUIET_WINDOWS = 2;

    /** A piece of the workload, a few milliseconds long. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private WarmUp() {
    }

    /**
     * Runs {@code step} for at least {@code minSeconds}, then until the JIT is quiet, but no longer than
     * {@code maxSeconds}; returns the seconds taken.
     */
    static double until(double minSeconds, double maxSeconds, Step step) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long windowStart = start;
        long compiledAtWindowStart = jit.getTotalCompilationTime();
        int quietWindows = 0;
        while (true) {
            step.run();
            long now = System.nanoTime();
            double elapsed = (now - start) / 1e9;
            if (elapsed >= maxSeconds) {
                return elapsed;
            }
            if (now - windowStart >= WINDOW_NANOS) {
                boolean quiet = jit.getTotalCompilationTime() - compiledAtWindowStart < QUIET_COMPILE_MILLIS;
                quietWindows = quiet ? quietWindows + 1 : 0;
                if (quietWindows >= QUIET_WINDOWS && elapsed >= minSeconds) {
                    return elapsed;
                }
                windowStart = now;
                compiledAtWindowStart = jit.getTotalCompilationTime();
            }
        }
    }
}
