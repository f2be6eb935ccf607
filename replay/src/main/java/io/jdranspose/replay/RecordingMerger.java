package io.jdranspose.replay;

import io.jdranspose.api.EventData;
import io.jdranspose.api.StreamData;
import io.jdranspose.runtime.recording.Recorded;
import io.jdranspose.runtime.recording.RecordingException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Merges several inputs (recordings, one per ingester, and HDF5 files) into events by event number, as the
 * workers of a live scan would have assembled them: each step takes the lowest event number among the files' next records
 * and joins every record with that number. Streaming, one look-ahead record per file.
 *
 * <p>Unlike upstream's replay, which stops when the first file ends, this goes on until every file is
 * exhausted, so no recorded frame is dropped; an event then simply lacks the streams of finished files.
 * A damaged file is reported through the error callback and treated as ended.
 */
final class RecordingMerger implements Iterator<EventData>, Closeable {
    private final List<ReplayInput> readers = new ArrayList<>();
    private final Recorded[] heads;
    private final long[] lastEvent;
    private final Consumer<RecordingException> onDamage;
    private final long totalBytes;

    /** Takes ownership of the inputs: closing the merger closes them. */
    RecordingMerger(List<ReplayInput> inputs, Consumer<RecordingException> onDamage) {
        this.onDamage = onDamage;
        this.readers.addAll(inputs);
        long total = 0;
        for (ReplayInput in : inputs) {
            total += in.fileSize();
        }
        this.totalBytes = total;
        this.heads = new Recorded[readers.size()];
        this.lastEvent = new long[readers.size()];
        java.util.Arrays.fill(lastEvent, Long.MIN_VALUE);
        for (int i = 0; i < heads.length; i++) {
            advance(i);
        }
    }

    /** Bytes read from all files so far. */
    long bytesRead() {
        long n = 0;
        for (ReplayInput r : readers) {
            n += r.bytesRead();
        }
        return n;
    }

    /** Sum of the file sizes. */
    long totalBytes() {
        return totalBytes;
    }

    @Override
    public boolean hasNext() {
        for (Recorded h : heads) {
            if (h != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public EventData next() {
        long lowest = Long.MAX_VALUE;
        for (Recorded h : heads) {
            if (h != null && h.eventNumber() < lowest) {
                lowest = h.eventNumber();
            }
        }
        if (lowest == Long.MAX_VALUE) {
            throw new NoSuchElementException();
        }
        Recorded single = singleRecordOf(lowest);
        if (single != null) {
            // the common case, one record for this event in all files: its streams are the event's
            int i = indexOf(single);
            advance(i);
            if (heads[i] == null || heads[i].eventNumber() != lowest) {
                return new EventData(lowest, single.streams());
            }
        }
        Map<String, StreamData> streams = new LinkedHashMap<>();
        if (single != null) {
            streams.putAll(single.streams());
        }
        for (int i = 0; i < heads.length; i++) {
            // a file may hold several records of one event; join them all
            while (heads[i] != null && heads[i].eventNumber() == lowest) {
                for (Map.Entry<String, StreamData> e : heads[i].streams().entrySet()) {
                    if (streams.putIfAbsent(e.getKey(), e.getValue()) != null) {
                        onDamage.accept(new RecordingException("stream '" + e.getKey() + "' appears twice in event "
                                + lowest + " (" + readers.get(i).path() + "); keeping the first"));
                    }
                }
                advance(i);
            }
        }
        return new EventData(lowest, streams);
    }

    /** The only head record of event {@code event} when no other file has one, else null. */
    private Recorded singleRecordOf(long event) {
        Recorded found = null;
        for (Recorded h : heads) {
            if (h != null && h.eventNumber() == event) {
                if (found != null) {
                    return null;
                }
                found = h;
            }
        }
        return found;
    }

    private int indexOf(Recorded head) {
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] == head) {
                return i;
            }
        }
        throw new IllegalStateException("not a head record");
    }

    private void advance(int i) {
        ReplayInput r = readers.get(i);
        try {
            if (r.hasNext()) {
                Recorded next = r.next();
                if (next.eventNumber() < lastEvent[i]) {
                    onDamage.accept(new RecordingException(r.path() + ": event " + next.eventNumber() + " follows event "
                            + lastEvent[i] + "; records out of order are merged as they come"));
                }
                lastEvent[i] = next.eventNumber();
                heads[i] = next;
                return;
            }
        } catch (RecordingException e) {
            onDamage.accept(e);
        }
        heads[i] = null;
    }

    @Override
    public void close() {
        for (ReplayInput r : readers) {
            try {
                r.close();
            } catch (IOException | RuntimeException e) {
                // closing a reader we only read from cannot lose data
            }
        }
    }
}
