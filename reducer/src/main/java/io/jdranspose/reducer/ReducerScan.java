package io.jdranspose.reducer;

import io.jdranspose.api.publish.PublishTree;

/** One scan as the reducer runs it: its own plugin instance (in the loop), publish tree and report batcher. */
final class ReducerScan {
    final String uuid;
    final long serial;
    final String reportsKey;
    final PublishTree tree;
    final ReductionLoop loop;
    final ReducedReports reports;
    /** Held by the inbox while it submits a result, and by the finisher when it closes the scan to results. */
    final Object submitLock = new Object();
    /** No more results are taken (finished, or abandoned). */
    volatile boolean closed;
    /** The controller said the scan is finished (update thread only). */
    boolean finishRequested;
    /** Results that arrived after the scan was closed (inbox thread only). */
    long late;

    ReducerScan(String uuid, long serial, String reportsKey, PublishTree tree, ReductionLoop loop,
                ReducedReports reports) {
        this.uuid = uuid;
        this.serial = serial;
        this.reportsKey = reportsKey;
        this.tree = tree;
        this.loop = loop;
        this.reports = reports;
    }

    @Override
    public String toString() {
        return "scan " + uuid + " (serial " + serial + ")";
    }
}
