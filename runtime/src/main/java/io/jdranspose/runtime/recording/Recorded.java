package io.jdranspose.runtime.recording;

import io.jdranspose.api.EventData;
import io.jdranspose.api.StreamData;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record of an ingester recording ({@code .cbors}): one ingester's share of one event.
 *
 * @param eventNumber the event this record belongs to (0-based, non-negative)
 * @param streams     stream name → frames, in the order they appear in the file (the order is kept
 *                    so that writing a record back gives the same bytes)
 * @param createdAt   when the ingester built the record; {@code null} for records in the older
 *                    2-element form, which has no timestamp
 */
public record Recorded(long eventNumber, Map<String, StreamData> streams, Instant createdAt) {

    public Recorded {
        if (eventNumber < 0) {
            throw new IllegalArgumentException("event number must not be negative: " + eventNumber);
        }
        Objects.requireNonNull(streams, "streams");
        // most records hold one stream: Map.copyOf keeps that case to one small allocation
        streams = streams.size() <= 1 ? Map.copyOf(streams) : Collections.unmodifiableMap(new LinkedHashMap<>(streams));
    }

    /** The record as an event for a worker; the timestamp is dropped because events do not carry one. */
    public EventData toEvent() {
        return new EventData(eventNumber, streams);
    }
}
