package io.jdranspose.worker;

import io.jdranspose.api.EventData;
import java.util.List;

/**
 * What the inbox hands the plugin loop: events in the order they must run, or the end of a scan.
 */
final class ReadyEvent {
    final EventData data;
    /** Earliest ingest time of the event's parts (System.nanoTime of the ingesters). */
    final long ingestNanos;
    /** Payload bytes held for the event, released once it has run. */
    final long bytes;

    ReadyEvent(EventData data, long ingestNanos, long bytes) {
        this.data = data;
        this.ingestNanos = ingestNanos;
        this.bytes = bytes;
    }

    /** Consecutive events of one scan, or the scan's end ({@code finish}, no events). */
    record Batch(WorkerScan scan, List<ReadyEvent> events, long bytes, boolean finish) {
        static Batch finish(WorkerScan scan) {
            return new Batch(scan, List.of(), 0, true);
        }
    }
}
