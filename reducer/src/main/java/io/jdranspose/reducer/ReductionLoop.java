package io.jdranspose.reducer;

import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.runtime.codec.EncodedResult;
import io.jdranspose.runtime.codec.ResultCodec;
import io.jdranspose.runtime.plugin.PluginFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one reducer instance on its own thread: decodes results, calls {@code reduce} one at a time, calls
 * the optional {@code timer} between results, and {@code finish} at the end. The queue in front of it is
 * bounded, so a slow reducer slows its producers instead of growing memory.
 */
public final class ReductionLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ReductionLoop.class);
    private static final Duration FIRST_TIMER = Duration.ofSeconds(1);
    private static final EncodedResult END = new EncodedResult(-1, "", "", new byte[0]);
    private static final EncodedResult ABANDON = new EncodedResult(-1, "", "", new byte[0]);

    /** Told about every result the loop took off its queue, after {@code reduce} returned (or failed). */
    @FunctionalInterface
    public interface ResultListener {
        /**
         * @param result  the result as submitted
         * @param reduced true when {@code reduce} returned normally; false when the payload did not decode or
         *                {@code reduce} threw (logged and counted as a failure)
         */
        void handled(EncodedResult result, boolean reduced);
    }

    private final Reducer<Object> reducer;
    private final ResultCodec codec;
    private final Supplier<Parameters> parameters;
    private final PublishTree tree;
    private final BlockingQueue<EncodedResult> queue;
    private final Thread thread;
    private volatile long reduced;
    private final PluginFailures failures = new PluginFailures(LOG);
    private volatile boolean finished;
    private volatile boolean abandoned;
    private ResultListener listener = (result, reduced) -> { };
    private long nextTimerNanos;
    private boolean timerActive = true;

    @SuppressWarnings("unchecked")
    public ReductionLoop(Reducer<?> reducer, ResultCodec codec, Supplier<Parameters> parameters, PublishTree tree,
                         int queueCapacity) {
        this.reducer = (Reducer<Object>) reducer;
        this.codec = codec;
        this.parameters = parameters;
        this.tree = tree;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("reducer").daemon().unstarted(this::run);
    }

    public PublishTree tree() {
        return tree;
    }

    /**
     * Sets the listener called on the reducer thread after each result (before {@link #start()}). The
     * distributed reducer reports reduced results to the controller from it.
     */
    public ReductionLoop onResult(ResultListener listener) {
        this.listener = listener;
        return this;
    }

    public ReductionLoop start() {
        nextTimerNanos = System.nanoTime() + FIRST_TIMER.toNanos();
        thread.start();
        return this;
    }

    /** Hands a result to the reducer thread, waiting while the queue is full. */
    public void submit(EncodedResult result) throws InterruptedException {
        if (finished) {
            throw new IllegalStateException("reducer already finished");
        }
        queue.put(result);
    }

    /**
     * Hands a result to the reducer thread, waiting at most {@code timeout} while the queue is full.
     *
     * @return false when the queue stayed full, or the loop has finished or been abandoned
     */
    public boolean offer(EncodedResult result, long timeout, TimeUnit unit) throws InterruptedException {
        if (finished) {
            return false;
        }
        return queue.offer(result, timeout, unit);
    }

    /**
     * Gives the scan up without waiting: queued results are dropped, a {@code reduce} in progress completes,
     * the plugin's {@code finish} is not called, and the thread ends.
     */
    public void abandon() {
        abandoned = true;
        finished = true;
        do {
            queue.clear();
        } while (!queue.offer(ABANDON));
    }

    /** Whether {@link #abandon()} was called. */
    public boolean abandoned() {
        return abandoned;
    }

    /** Reduces everything submitted so far, calls the plugin's {@code finish}, and stops the thread. */
    public void finish() throws InterruptedException {
        if (!finished) {
            finished = true;
            queue.put(END);
        }
        thread.join();
    }

    public long reduced() {
        return reduced;
    }

    public long failures() {
        return failures.count();
    }

    /** Results waiting to be reduced. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<EncodedResult> batch = new ArrayList<>(256);
        try {
            while (true) {
                EncodedResult first = timerActive
                        ? queue.poll(Math.max(0, nextTimerNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : queue.take();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 255);
                    for (EncodedResult r : batch) {
                        if (r == ABANDON || abandoned) {
                            return;
                        }
                        if (r == END) {
                            callFinish();
                            return;
                        }
                        reduceOne(r);
                    }
                    batch.clear();
                }
                if (abandoned) {
                    return;
                }
                if (timerActive && System.nanoTime() >= nextTimerNanos) {
                    callTimer();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reduceOne(EncodedResult r) {
        Object payload;
        try {
            payload = codec.decode(r.payload());
        } catch (RuntimeException e) {
            failures.record("result of event " + r.eventNumber() + " from " + r.worker() + " dropped: " + e.getMessage(), e);
            tell(r, false);
            return;
        }
        boolean ok = false;
        try {
            reducer.reduce(new ResultData<>(r.eventNumber(), r.worker(), r.parametersHash(), payload), parameters.get(),
                    tree);
            reduced++;
            ok = true;
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            failures.record("reducer failed on the result of event " + r.eventNumber() + " from " + r.worker() + ": " + e, e);
        }
        tell(r, ok);
    }

    private void tell(EncodedResult r, boolean ok) {
        try {
            listener.handled(r, ok);
        } catch (RuntimeException e) {
            LOG.error("result listener failed on event {} from {}", r.eventNumber(), r.worker(), e);
        }
    }

    private void callTimer() {
        try {
            Duration next = reducer.timer(parameters.get(), tree);
            if (next == null) {
                timerActive = false;
            } else {
                nextTimerNanos = System.nanoTime() + Math.max(0, next.toNanos());
            }
        } catch (Exception | LinkageError | AssertionError e) {
            failures.record("reducer timer failed: " + e + " (next try in 1 s)", e);
            nextTimerNanos = System.nanoTime() + FIRST_TIMER.toNanos();
        }
    }

    private void callFinish() {
        try {
            reducer.finish(parameters.get(), tree);
        } catch (Exception | LinkageError | AssertionError e) {
            failures.record("reducer failed in finish: " + e, e);
        }
    }
}
