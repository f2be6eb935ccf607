package io.jdranspose.app.bench;

/**
 * Decides when the warm-up scans of {@code bench pipeline} have done their job: once two in a row were not
 * 5 % faster than the best before them. One is not enough: the JIT compilers of six JVMs finish at different
 * times, and a single slower scan (the host, a garbage collection) comes between two faster ones. With
 * 2 MiB frames the rate rose 384 → 389 → 425 events/s (the last the measured scan); at 2 kB
 * 58,355 → 53,668 → 68,000.
 */
final class WarmUpRates {
    private static final double RISE = 1.05;
    private static final int FLAT_IN_A_ROW = 2;

    private double best;
    private int flat;

    /** Takes one warm-up's events/s; true when warming up further would not pay. */
    boolean flatAfter(double perSecond) {
        flat = perSecond < best * RISE ? flat + 1 : 0;
        best = Math.max(best, perSecond);
        return flat >= FLAT_IN_A_ROW;
    }
}
