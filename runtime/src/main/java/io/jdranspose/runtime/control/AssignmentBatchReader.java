package io.jdranspose.runtime.control;

import io.jdranspose.api.json.PlainJsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads assignment batches with {@link PlainJsonReader} instead of databind's record mapping, which cost about a
 * microsecond per event in every ingester's assignment reader.
 *
 * <p>{@link #read} understands only the shape the controller writes, {@code [{"event_number":5,"assignments":
 * {"eiger":["w1"]}},…]} with the two fields in either order, and answers {@code null} for anything else: unknown,
 * missing or repeated fields, nulls, numbers in strings, floats, negative event numbers, escapes, bad JSON (a
 * repeated {@code assignments}, for one, is an error for databind, a repeated stream is not). The caller then
 * reads with databind, so its lenient coercions and its error messages stay exactly as they were.
 */
final class AssignmentBatchReader {
    private AssignmentBatchReader() {
    }

    /** The batch, or {@code null} when the bytes are not a batch of the shape above. */
    static List<Assignment> read(byte[] json) {
        List<Object> items = PlainJsonReader.readArray(json);
        if (items == null) {
            return null;
        }
        List<Assignment> batch = new ArrayList<>(items.size());
        for (Object item : items) {
            Assignment a = assignment(item);
            if (a == null) {
                return null;
            }
            batch.add(a);
        }
        return batch;
    }

    /** Exactly the two fields (the plain reader refuses repeated names, which databind handles its own way). */
    @SuppressWarnings("unchecked")
    private static Assignment assignment(Object item) {
        if (!(item instanceof Map<?, ?> fields) || fields.size() != 2
                || !(fields.get("event_number") instanceof Number n) || !(n instanceof Integer || n instanceof Long)
                || n.longValue() < 0 || !(fields.get("assignments") instanceof Map<?, ?> streams)) {
            return null;
        }
        for (Object workers : streams.values()) {
            if (!(workers instanceof List<?> list)) {
                return null;
            }
            for (Object worker : list) {
                if (!(worker instanceof String)) {
                    return null;
                }
            }
        }
        // Names are strings, workers checked above; the lists are ArrayLists as databind made them.
        return new Assignment(n.longValue(), (Map<String, List<String>>) streams);
    }
}
