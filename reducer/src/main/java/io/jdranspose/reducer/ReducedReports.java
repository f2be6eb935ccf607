package io.jdranspose.reducer;

import io.jdranspose.runtime.logging.LogLimiter;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.UpdateFollower;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the results one scan's reducer has reduced, in batches: one {@code Report.Reduced} when 256 are
 * pending or 20 ms after the first pending one (as workers report completions), whichever comes first, from
 * its own thread, so the reducer thread never waits for Redis. {@link #flush()} reports what is pending at once and returns when Redis
 * has it (before the scan's {@code Finished} report).
 */
final class ReducedReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReducedReports.class);
    static final int BATCH = 256;
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final XAddArgs NO_STREAM_CREATION = XAddArgs.Builder.nomkstream();

    private final RedisCommands<String, byte[]> redis;
    private final String stream;
    private final Thread thread;
    private final Object lock = new Object();
    /** Held while a batch is taken and written, so reports reach Redis in the order they were taken. */
    private final Object writing = new Object();
    private final LogLimiter failures = new LogLimiter();
    private Map<String, List<Long>> pending = new LinkedHashMap<>();
    private int count;
    private long firstNanos;
    private boolean running = true;

    /**
     * @param redis  a connection not used for blocking reads (shared, thread-safe)
     * @param stream the scan's reports stream
     */
    ReducedReports(RedisCommands<String, byte[]> redis, String stream, String scanName) {
        this.redis = redis;
        this.stream = stream;
        this.thread = Thread.ofPlatform().daemon().name("reducer-reports-" + scanName).unstarted(this::run);
    }

    ReducedReports start() {
        thread.start();
        return this;
    }

    /** One reduced result (reducer thread). */
    void add(String worker, long event) {
        synchronized (lock) {
            if (!running) {
                return;
            }
            if (count == 0) {
                firstNanos = System.nanoTime();
                lock.notifyAll();
            }
            pending.computeIfAbsent(worker, w -> new ArrayList<>()).add(event);
            if (++count == BATCH) {
                lock.notifyAll();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                synchronized (lock) {
                    while (running && (count == 0 || (count < BATCH && System.nanoTime() - firstNanos < DELAY_NANOS))) {
                        if (count == 0) {
                            lock.wait();
                        } else {
                            long left = DELAY_NANOS - (System.nanoTime() - firstNanos);
                            if (left > 0) {
                                lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                            }
                        }
                    }
                    if (!running) {
                        return;
                    }
                }
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports what is pending now; returns when Redis has it (or the write failed and was logged). */
    void flush() {
        synchronized (writing) {
            Map<String, List<Long>> batch;
            synchronized (lock) {
                if (count == 0) {
                    return;
                }
                batch = pending;
                pending = new LinkedHashMap<>();
                count = 0;
            }
            try {
                redis.xadd(stream, NO_STREAM_CREATION, Map.of(UpdateFollower.FIELD, new Report.Reduced(batch).toJson()));
            } catch (RuntimeException e) {
                synchronized (failures) {
                    if (failures.allow()) {
                        LOG.warn("reducer: cannot report reduced results on {}: {}{}", stream, e.toString(),
                                failures.suffix());
                    }
                }
            }
        }
    }

    /** Stops the thread; what is still pending is dropped (call {@link #flush()} first to keep it). */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            pending = new LinkedHashMap<>();
            count = 0;
            lock.notifyAll();
        }
    }
}
