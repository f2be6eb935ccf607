package io.jdranspose.runtime.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Who gets the frames of one event, as published by the controller on {@link RedisKeys#assigned}: per
 * stream the sorted worker names; an empty list means the frame is consumed and discarded, a stream
 * that is absent has no frame in this event. JSON as upstream's WorkAssignment:
 * {@code {"event_number":1,"assignments":{"eiger":["w2"]}}}; one stream entry carries a JSON list of them.
 */
public record Assignment(long eventNumber, Map<String, List<String>> assignments) {

    private static final TypeReference<List<Assignment>> LIST = new TypeReference<>() { };
    /** Field names encoded once, not for every event of every batch. */
    private static final SerializedString EVENT_NUMBER = new SerializedString("event_number");
    private static final SerializedString ASSIGNMENTS = new SerializedString("assignments");

    public Assignment {
        if (eventNumber < 0) {
            throw new IllegalArgumentException("event_number must not be negative, got " + eventNumber);
        }
        assignments = assignments == null ? Map.of() : Map.copyOf(assignments);
    }

    /** The JSON list of a batch: the same text as databind writes for a {@code List<Assignment>}. */
    public static byte[] toJson(List<Assignment> batch) {
        return toJson(batch, Assignment::eventNumber, Assignment::assignments);
    }

    /**
     * The same JSON list written from assignments held in another form, such as the controller's, so
     * the controller need not build an {@code Assignment} per event. Streams are written in the order
     * the map gives them. Written with the streaming generator: the controller does this for every
     * batch it publishes.
     *
     * @throws IllegalArgumentException if an event number is negative
     */
    public static <T> byte[] toJson(List<T> batch, ToLongFunction<? super T> eventNumber,
                                    Function<? super T, ? extends Map<String, ? extends List<String>>> assignments) {
        var out = new ByteArrayBuilder(64 + batch.size() * 48);
        try (JsonGenerator json = ControlJson.MAPPER.createGenerator(out)) {
            json.writeStartArray();
            for (T item : batch) {
                long event = eventNumber.applyAsLong(item);
                if (event < 0) {
                    throw new IllegalArgumentException("event_number must not be negative, got " + event);
                }
                json.writeStartObject();
                json.writeFieldName(EVENT_NUMBER);
                json.writeNumber(event);
                json.writeFieldName(ASSIGNMENTS);
                json.writeStartObject();
                for (var stream : assignments.apply(item).entrySet()) {
                    json.writeArrayFieldStart(stream.getKey());
                    for (String worker : stream.getValue()) {
                        json.writeString(worker);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an assignment batch as JSON", e);
        }
        return out.toByteArray();
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
