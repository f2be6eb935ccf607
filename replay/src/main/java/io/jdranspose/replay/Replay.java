package io.jdranspose.replay;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.reducer.ReductionLoop;
import io.jdranspose.runtime.codec.EncodedResult;
import io.jdranspose.runtime.codec.ResultCodec;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.recording.RecordingException;
import io.jdranspose.worker.EventProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays recordings and HDF5 files through a plugin in one process, with no Redis: events merged by number, the first
 * event to every worker (so each can read the start messages), the rest spread over the workers as they
 * become free, every result through the same CBOR codec as the distributed pipeline, one reducer thread.
 */
public final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final int BATCH_EVENTS = 256;
    private static final long BATCH_BYTES = 4L << 20;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;
    private static final List<EventData> END = List.of();

    private final Plugin plugin;
    private final ReplayOptions options;
    private final List<Parameter<?>> declared;
    private final AtomicReference<Parameters> parameters = new AtomicReference<>();
    private final PublishTree tree = new PublishTree();
    private final AtomicLong damaged = new AtomicLong();

    /**
     * @throws IllegalArgumentException when a parameter value does not parse for its declared type
     */
    public Replay(Plugin plugin, ReplayOptions options) {
        this.plugin = plugin;
        this.options = options;
        this.declared = plugin.declaredParameters();
        this.parameters.set(Parameters.of(options.parameters(), declared));
    }

    /** The reducer's publish tree (live while the replay runs). */
    public PublishTree tree() {
        return tree;
    }

    /** The current parameter set. */
    public Parameters parameters() {
        return parameters.get();
    }

    /** Parameters the plugin declares. */
    public List<Parameter<?>> declaredParameters() {
        return declared;
    }

    /**
     * Changes one parameter while the replay runs; later events and results see the new value.
     *
     * @throws IllegalArgumentException when the value does not parse for the declared type
     */
    public void setParameter(String name, byte[] value) {
        parameters.updateAndGet(p -> p.with(name, value, declared));
    }

    /**
     * Runs the replay to the end of every file.
     *
     * @throws RecordingException when a file cannot be opened at all (damage later in a file is counted
     *                            in {@link ReplaySummary#errors()} instead)
     */
    public ReplaySummary run(ReplayProgress progress) throws InterruptedException {
        long start = System.nanoTime();
        ResultCodec codec = ResultCodec.forWorker(plugin.newWorker());
        ReductionLoop reduction = new ReductionLoop(plugin.newReducer(), codec, parameters::get, tree, 4096).start();
        int queueBatches = Math.max(2, options.queueEvents() / BATCH_EVENTS + options.workers());
        BlockingQueue<List<EventData>> queue = new ArrayBlockingQueue<>(queueBatches);
        List<WorkerThread> workers = new ArrayList<>();
        long events = 0;
        long bytes = 0;
        try (RecordingMerger merger = new RecordingMerger(
                ReplayInput.openAll(options.files(), options.datasets()), this::damage)) {
            EventData first = merger.hasNext() ? merger.next() : null;
            if (first != null) {
                events++;
                bytes += first.byteCount();
            }
            for (int i = 0; i < options.workers(); i++) {
                EventProcessor processor = new EventProcessor("replay-worker-" + i, plugin.newWorker(), codec);
                WorkerThread w = new WorkerThread(processor, first, queue, reduction);
                workers.add(w);
                w.thread.start();
            }
            List<EventData> batch = new ArrayList<>(BATCH_EVENTS);
            long batchBytes = 0;
            long nextProgress = 0;
            boolean paced = options.rateHz() > 0;
            long periodNanos = paced ? (long) (1e9 / options.rateHz()) : 0;
            long due = System.nanoTime();
            while (merger.hasNext()) {
                EventData e = merger.next();
                if (paced) {
                    // one event per period against absolute deadlines, so pacing does not drift
                    due += periodNanos;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                    }
                }
                events++;
                long b = e.byteCount();
                bytes += b;
                batchBytes += b;
                batch.add(e);
                if (paced || batch.size() >= BATCH_EVENTS || batchBytes >= BATCH_BYTES) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH_EVENTS);
                    batchBytes = 0;
                    long now = System.nanoTime();
                    if (now >= nextProgress) {
                        progress.update(merger.bytesRead(), merger.totalBytes(), events);
                        nextProgress = now + PROGRESS_EVERY_NANOS;
                    }
                }
            }
            if (!batch.isEmpty()) {
                queue.put(batch);
            }
            progress.update(merger.totalBytes(), merger.totalBytes(), events);
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                queue.put(END);
            }
            for (WorkerThread w : workers) {
                w.thread.join();
            }
            reduction.finish();
        }
        long results = 0;
        long failures = reduction.failures() + damaged.get();
        for (WorkerThread w : workers) {
            results += w.processor.results();
            failures += w.processor.failures() + w.failures;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ReplaySummary(events, bytes, results, reduction.reduced(), failures, seconds);
    }

    private void damage(RecordingException e) {
        damaged.incrementAndGet();
        LOG.error("{}", e.getMessage());
    }

    /** One worker: its own plugin instance on its own thread, pulling batches of events. */
    private final class WorkerThread {
        final EventProcessor processor;
        final Thread thread;
        volatile long failures;

        WorkerThread(EventProcessor processor, EventData first, BlockingQueue<List<EventData>> queue,
                     ReductionLoop reduction) {
            this.processor = processor;
            this.thread = Thread.ofPlatform().name(processor.name()).unstarted(() -> {
                try {
                    if (first != null) {
                        process(first, reduction);
                    }
                    while (true) {
                        List<EventData> batch = queue.take();
                        if (batch == END) {
                            break;
                        }
                        for (EventData e : batch) {
                            process(e, reduction);
                        }
                    }
                    processor.finish(parameters.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        private void process(EventData e, ReductionLoop reduction) throws InterruptedException {
            EncodedResult r;
            try {
                r = processor.process(e, parameters.get());
            } catch (RuntimeException | Error t) {
                // the processor isolates plugin failures; this is the last line so the reader never blocks on a dead worker
                failures++;
                LOG.error("{} lost event {}: {}", processor.name(), e.eventNumber(), t.toString());
                return;
            }
            if (r != null) {
                reduction.submit(r);
            }
        }
    }
}
