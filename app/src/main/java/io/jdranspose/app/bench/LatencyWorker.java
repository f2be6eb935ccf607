package io.jdranspose.app.bench;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import java.nio.charset.StandardCharsets;

/**
 * The plugin of {@code bench pipeline}: returns when the source sent the event's first frame (the
 * {@code sent_ns} field the bench writes into each STINS image header) and when this call began, touching no
 * pixel, so the benchmark measures the pipeline rather than the analysis and can tell the legs before and
 * after the plugin apart. Start and end messages give no result.
 */
public final class LatencyWorker implements Worker<long[]> {
    static final byte[] FIELD = "\"sent_ns\":".getBytes(StandardCharsets.US_ASCII);

    @Override
    public long[] process(EventData event, Parameters parameters) {
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (StreamData stream : event.streams().values()) {
            if (!stream.frames().isEmpty()) {
                long sent = sentNanos(stream.frames().get(0));
                if (sent >= 0) {
                    earliest = Math.min(earliest, sent);
                }
            }
        }
        return earliest == Long.MAX_VALUE ? null : new long[] {earliest, now};
    }

    /** Keeps nothing of an event, as most analyses: large frames may come out of shared memory into arrays used before. */
    @Override
    public boolean keepsFrames() {
        return false;
    }

    /** The number after {@code "sent_ns":} in a JSON header, or -1; a byte scan, no JSON parser. */
    static long sentNanos(byte[] header) {
        outer:
        for (int i = 0; i + FIELD.length < header.length; i++) {
            for (int j = 0; j < FIELD.length; j++) {
                if (header[i + j] != FIELD[j]) {
                    continue outer;
                }
            }
            long value = 0;
            boolean negative = false;
            int k = i + FIELD.length;
            if (k < header.length && header[k] == '-') {
                negative = true;
                k++;
            }
            int digits = 0;
            for (; k < header.length && header[k] >= '0' && header[k] <= '9'; k++, digits++) {
                value = value * 10 + (header[k] - '0');
            }
            return digits == 0 ? -1 : (negative ? -value : value);
        }
        return -1;
    }
}
