package io.jdranspose.worker;

import io.jdranspose.runtime.control.Report;

/**
 * One scan as a worker runs it: its identity, its own plugin instance, and the time spent per phase (the
 * {@code WorkerTimes} sent with every {@code Done} report), all written by the inbox thread, which also runs
 * the plugin.
 */
final class WorkerScan {
    final String uuid;
    final long serial;
    final String reportsKey;
    final EventProcessor processor;
    /**
     * The worker's Ready report is in Redis. The plugin runs nothing of the scan before, so no Done
     * report can precede it (parts that arrived early would otherwise run at once).
     */
    volatile boolean announced;
    /** The controller said the scan is finished; the inbox forwards what is complete, then the plugin finishes. */
    volatile boolean finishRequested;

    // written and read by the inbox thread only
    long messagesNanos;
    long assembleNanos;
    long waitNanos;
    long customNanos;
    long sendNanos;
    long events;

    WorkerScan(String uuid, long serial, String reportsKey, EventProcessor processor) {
        this.uuid = uuid;
        this.serial = serial;
        this.reportsKey = reportsKey;
        this.processor = processor;
    }

    /** Cumulative seconds per phase in this scan (inbox thread). */
    Report.WorkerTimes times() {
        return new Report.WorkerTimes(waitNanos / 1e9, messagesNanos / 1e9, assembleNanos / 1e9, customNanos / 1e9,
                sendNanos / 1e9, events);
    }

    @Override
    public String toString() {
        return "scan " + uuid + " (serial " + serial + ")";
    }
}
