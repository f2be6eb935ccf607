package io.jdranspose.app.bench;

import io.jdranspose.api.DType;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;

/**
 * What a busy reducer does to its publish tree, as fast as one thread can: per result it sets a scalar
 * counter, one element of a trend, and one 1024-float row (an I(q) curve) of a stack. The stack grows to
 * {@value #STACK_ROWS} rows (16 MB) and then keeps the latest rows as a ring, overwriting in place, which
 * is the write a reader can collide with; the trend does the same at {@value #TREND_LENGTH} elements.
 */
final class PublishingLoop {
    static final String STACK = "/live/stack";
    static final int ROW = 1024;
    static final int STACK_ROWS = 4096;
    private static final int TREND_LENGTH = 100_000;

    private final NumericDataset counter;
    private final NumericDataset trend;
    private final NumericDataset stack;
    private final float[] row = new float[ROW];
    private long next;

    PublishingLoop(PublishTree tree) {
        counter = tree.numeric("/live/results", DType.INT64);
        trend = tree.numeric("/live/trend", DType.FLOAT64);
        stack = tree.numeric(STACK, DType.FLOAT32);
    }

    /** Publishes {@code results} results and returns how many per second that took. */
    double run(long results) {
        long start = System.nanoTime();
        for (long i = 0; i < results; i++) {
            publish(next++);
        }
        return results / ((System.nanoTime() - start) / 1e9);
    }

    private void publish(long n) {
        counter.set(n);
        trend.set(n % TREND_LENGTH, Math.sin(n * 1e-3));
        row[(int) (n % ROW)] = n;
        stack.set(n % STACK_ROWS, row);
    }
}
