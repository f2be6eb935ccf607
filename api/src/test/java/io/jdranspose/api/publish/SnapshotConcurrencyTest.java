package io.jdranspose.api.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers copying a large dataset must not hold up the reducer thread writing it, and must still get
 * consistent copies: every row whole, the shape matching the data.
 */
class SnapshotConcurrencyTest {
    private static final int ROWS = 4096;
    private static final int ROW = 1024;
    private static final int READERS = 4;
    private static final long RUN_NANOS = 1_500_000_000L;

    /**
     * 16 MB of float32 while 4 threads snapshot it non-stop. A monitor-based copy holds the writer for the
     * whole copy (milliseconds) on almost every {@code set}; here a {@code set} must never wait for a
     * reader, so its time is its own work plus whatever the OS and GC add. The bound leaves room for
     * those on a loaded 2-core machine (preemption, GC pauses hitting one {@code set} in a thousand).
     */
    @Test
    void writersNeverWaitForReadersCopyingALargeDataset() throws Exception {
        NumericDataset d = new PublishTree().numeric("/stack", DType.FLOAT32);
        d.replace(new float[ROWS * ROW], ROWS, ROW);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        AtomicLong snapshots = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(Thread.ofPlatform().name("reader-" + r).start(() -> {
                while (!stop.get() && problem.get() == null) {
                    checkRowsAreWhole(d.snapshot(), problem);
                    snapshots.incrementAndGet();
                }
            }));
        }
        long[] nanos = new long[4_000_000];
        int sets = 0;
        SplittableRandom random = new SplittableRandom(7);
        float[] row = new float[ROW];
        long end = System.nanoTime() + RUN_NANOS;
        try {
            while (sets < nanos.length && System.nanoTime() < end) {
                // every element of a row holds the same value, so a reader can spot a half-written row
                Arrays.fill(row, sets);
                int index = random.nextInt(ROWS);
                long t0 = System.nanoTime();
                d.set(index, row);
                nanos[sets++] = System.nanoTime() - t0;
            }
        } finally {
            stop.set(true);
            for (Thread t : readers) {
                t.join();
            }
        }
        long[] measured = Arrays.copyOf(nanos, sets);
        Arrays.sort(measured);
        long p50 = measured[sets / 2];
        long p999 = measured[(int) (sets * 0.999)];
        String summary = String.format("%d sets, %d snapshots, set p50 %.1f µs, p99.9 %.1f µs, max %.1f ms", sets,
                snapshots.get(), p50 / 1e3, p999 / 1e3, measured[sets - 1] / 1e6);
        System.out.println(summary);
        assertThat(problem.get()).as(summary).isNull();
        assertThat(snapshots.get()).as("the readers must really have been copying: " + summary).isGreaterThan(READERS);
        assertThat(p999).as(summary).isLessThan(500_000L);
    }

    /**
     * A writer cycling through 64 entries in order: at any instant they hold 64 consecutive values, so a
     * snapshot mixing entries from different moments (a torn copy) shows a gap or a repeat.
     */
    @Test
    void aSnapshotIsTheContentOfOneInstant() throws Exception {
        int n = 64;
        NumericDataset d = new PublishTree().numeric("/ring", DType.INT64);
        for (int i = 0; i < n; i++) {
            d.set(i, (long) i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        AtomicLong snapshots = new AtomicLong();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get() && problem.get() == null) {
                long[] values = ((long[]) d.snapshot().data()).clone();
                Arrays.sort(values);
                for (int i = 1; i < n; i++) {
                    if (values[i] != values[i - 1] + 1) {
                        problem.compareAndSet(null, "not one instant: " + Arrays.toString(values));
                    }
                }
                snapshots.incrementAndGet();
            }
        });
        long end = System.nanoTime() + 500_000_000L;
        for (long k = n; System.nanoTime() < end && problem.get() == null; k++) {
            d.set(k % n, k);
        }
        stop.set(true);
        reader.join();
        assertThat(problem.get()).isNull();
        assertThat(snapshots.get()).isGreaterThan(100);
    }

    private static void checkRowsAreWhole(NumericValue v, AtomicReference<String> problem) {
        float[] data = (float[]) v.data();
        long[] shape = v.shape();
        if (shape.length != 2 || shape[1] != ROW || data.length != shape[0] * ROW) {
            problem.compareAndSet(null, "shape " + Arrays.toString(shape) + " with " + data.length + " elements");
            return;
        }
        for (int r = 0; r < shape[0]; r++) {
            float first = data[r * ROW];
            if (data[r * ROW + ROW - 1] != first || data[r * ROW + ROW / 2] != first) {
                problem.compareAndSet(null, "row " + r + " is half written: starts with " + first + ", ends with "
                        + data[r * ROW + ROW - 1]);
                return;
            }
        }
    }
}
