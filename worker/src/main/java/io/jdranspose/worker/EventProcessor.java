package io.jdranspose.worker;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Worker;
import io.jdranspose.runtime.codec.EncodedResult;
import io.jdranspose.runtime.codec.ResultCodec;
import io.jdranspose.runtime.plugin.PluginFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's plugin instance and what surrounds each call: the plugin's map function, error isolation
 * (an exception is logged with the event number and counted, never fatal) and result encoding. Not
 * thread-safe: one thread drives one processor, so the plugin may keep state in plain fields.
 */
public final class EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    private final String name;
    private final Worker<?> worker;
    private final ResultCodec codec;
    private final boolean keepsFrames;
    private long processed;
    private long results;
    private final PluginFailures failures = new PluginFailures(LOG);

    public EventProcessor(String name, Worker<?> worker, ResultCodec codec) {
        this.name = name;
        this.worker = worker;
        this.codec = codec;
        this.keepsFrames = keepsFrames(name, worker);
    }

    private static boolean keepsFrames(String name, Worker<?> worker) {
        try {
            return worker.keepsFrames();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("worker {}: the plugin's keepsFrames() failed ({}); its frames are not used again", name,
                    e.toString());
            return true;
        }
    }

    /** Whether the plugin may keep an event's frames after its call returned ({@link Worker#keepsFrames()}). */
    public boolean keepsFrames() {
        return keepsFrames;
    }

    public String name() {
        return name;
    }

    /**
     * Runs the plugin on one event.
     *
     * @return the encoded result, or {@code null} when the plugin returned null, threw, or returned something
     *         the codec cannot encode (the last two are logged and counted as failures)
     */
    public EncodedResult process(EventData event, Parameters parameters) {
        processed++;
        Object result;
        try {
            result = worker.process(event, parameters);
        } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
            failures.record("worker " + name + " failed on event " + event.eventNumber() + ": " + e, e);
            return null;
        }
        if (result == null) {
            return null;
        }
        try {
            byte[] payload = codec.encode(result);
            results++;
            return new EncodedResult(event.eventNumber(), name, parameters.hash(), payload);
        } catch (RuntimeException e) {
            failures.record("worker " + name + ", event " + event.eventNumber() + ": " + e.getMessage(), e);
            return null;
        }
    }

    /** Calls the plugin's {@code finish}; an exception is logged and counted. */
    public void finish(Parameters parameters) {
        try {
            worker.finish(parameters);
        } catch (Exception | LinkageError | AssertionError e) {
            failures.record("worker " + name + " failed in finish: " + e, e);
        }
    }

    public long processed() {
        return processed;
    }

    public long results() {
        return results;
    }

    public long failures() {
        return failures.count();
    }
}
