package io.jdranspose.runtime.control;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Who gets the frames of one event, as published by the controller on {@link RedisKeys#assigned}: per
 * stream the sorted worker names; an empty list means the frame is consumed and discarded, a stream
 * that is absent has no frame in this event. JSON as upstream's WorkAssignment:
 * {@code {"event_number":1,"assignments":{"eiger":["w2"]}}}; one stream entry carries a JSON list of them.
 */
public record Assignment(long eventNumber, Map<String, List<String>> assignments) {

    private static final TypeReference<List<Assignment>> LIST = new TypeReference<>() { };

    public Assignment {
        if (eventNumber < 0) {
            throw new IllegalArgumentException("event_number must not be negative, got " + eventNumber);
        }
        assignments = assignments == null ? Map.of() : Map.copyOf(assignments);
    }

    public static byte[] toJson(List<Assignment> batch) {
        return ControlJson.write(batch);
    }

    /**
     * Reads the usual batch with {@link AssignmentBatchReader}, anything else (bad input included) with databind,
     * which gives the same result and keeps its coercions and error messages.
     *
     * @throws ControlMessageException when the bytes are not a JSON list of assignments
     */
    public static List<Assignment> listFromJson(byte[] json) {
        List<Assignment> usual = AssignmentBatchReader.read(json);
        if (usual != null) {
            return usual;
        }
        try {
            List<Assignment> batch = ControlJson.MAPPER.readValue(json, LIST);
            if (batch == null || batch.contains(null)) {
                throw new ControlMessageException("assignment batch is null or contains null");
            }
            return batch;
        } catch (IOException | IllegalArgumentException e) {
            throw new ControlMessageException("invalid assignment batch: " + e.getMessage(), e);
        }
    }
}
