package io.jdranspose.app.pipeline;

import java.util.List;

/**
 * Trigger maps of the usual shapes, written directly as JSON text (a million-event map is built in
 * milliseconds): every stream has a frame in every event, and event {@code i} carries constraint
 * {@code i / batch} on every stream, so the frames of one event meet on one worker.
 */
public final class UniformMap {
    private UniformMap() {
    }

    /** A legacy single map (for {@code POST /api/v1/mapping}) of {@code events} data events. */
    public static String of(List<String> streams, long events, long batch) {
        if (events < 0 || batch < 1) {
            throw new IllegalArgumentException("events must be ≥ 0 and batch ≥ 1");
        }
        StringBuilder cells = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, events * 20 + 2));
        cells.append('[');
        for (long i = 0; i < events; i++) {
            if (i > 0) {
                cells.append(',');
            }
            cells.append("[{\"constraint\":").append(i / batch).append("}]");
        }
        cells.append(']');
        StringBuilder json = new StringBuilder(cells.length() * streams.size() + 64);
        json.append('{');
        for (int s = 0; s < streams.size(); s++) {
            if (s > 0) {
                json.append(',');
            }
            json.append('"').append(streams.get(s)).append("\":").append(cells);
        }
        return json.append('}').toString();
    }
}
