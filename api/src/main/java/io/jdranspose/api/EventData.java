package io.jdranspose.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One event: the frames of every stream that belong to the same trigger.
 *
 * @param eventNumber 0-based within the scan; with the usual start/end wrapping event 0 carries the
 *                    start messages and the last event the end messages
 * @param streams     stream name → its frames; a stream with no frame in this event is absent
 */
public record EventData(long eventNumber, Map<String, StreamData> streams) {
    public EventData {
        // one stream is the common case; Map.copyOf does not copy a map that is already immutable
        streams = streams.size() <= 1 ? Map.copyOf(streams) : Collections.unmodifiableMap(new LinkedHashMap<>(streams));
    }

    /** The frames of a stream, or {@code null} when the stream has no frame in this event. */
    public StreamData stream(String name) {
        return streams.get(name);
    }

    /** Like {@link #stream(String)} but fails with a message naming the event and the streams present. */
    public StreamData requireStream(String name) {
        StreamData s = streams.get(name);
        if (s == null) {
            throw new NoSuchElementException("event " + eventNumber + " has no stream '" + name
                    + "' (streams: " + streams.keySet() + ")");
        }
        return s;
    }

    /** Payload bytes over all streams. */
    public long byteCount() {
        long n = 0;
        for (StreamData s : streams.values()) {
            n += s.byteCount();
        }
        return n;
    }
}
