package io.jdranspose.controller.triggermap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes trigger maps in upstream's JSON forms.
 *
 * <ul>
 *   <li>{@link #parseSequence} reads the body of {@code POST /api/v1/sequence}:
 *       {@code {"parts": {name: {stream: [cell, ...]}}, "sequence": [name, ...]}};</li>
 *   <li>{@link #parseMapping} reads the legacy body of {@code POST /api/v1/mapping}: one
 *       {@code {stream: [cell, ...]}} map, which becomes part {@code main};</li>
 *   <li>{@link #readback} writes what {@code GET /api/v1/sequence} answers (and what the mapping dump
 *       holds): every part wrapped in {@code {"mapping": ...}}, every virtual worker written in full.</li>
 * </ul>
 *
 * <p>Every problem is reported as a {@link TriggerMapException} naming the part, stream and event.
 * Unknown fields inside a virtual worker are refused, because a typo such as {@code "constrant"}
 * would otherwise silently turn a constrained frame into a broadcast; unknown top-level fields of a
 * sequence body are ignored, as upstream does.
 */
public final class TriggerMapJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_SHOWN_VALUE = 60;
    private static final Set<String> VIRTUAL_WORKER_FIELDS = Set.of("tags", "constraint");

    private TriggerMapJson() {
    }

    /** Parses a {@code POST /api/v1/sequence} body. */
    public static MappingSequence parseSequence(String body, boolean allWrap) {
        return parseSequence(readTree(body), allWrap);
    }

    /** Parses a {@code POST /api/v1/sequence} body given as UTF-8 bytes. */
    public static MappingSequence parseSequence(byte[] body, boolean allWrap) {
        return parseSequence(readTree(body), allWrap);
    }

    /** Parses an already read {@code POST /api/v1/sequence} body. */
    public static MappingSequence parseSequence(JsonNode body, boolean allWrap) {
        if (!body.isObject()) {
            throw new TriggerMapException("body must be a JSON object with \"parts\" and \"sequence\", got " + shown(body));
        }
        JsonNode partsNode = body.get("parts");
        if (partsNode == null) {
            throw new TriggerMapException("body has no \"parts\"");
        }
        if (!partsNode.isObject()) {
            throw new TriggerMapException("\"parts\" must be an object mapping part names to trigger maps, got " + shown(partsNode));
        }
        var parts = new LinkedHashMap<String, TriggerMap>();
        for (var entry : partsNode.properties()) {
            parts.put(entry.getKey(), parsePart(entry.getKey(), entry.getValue()));
        }
        JsonNode sequenceNode = body.get("sequence");
        if (sequenceNode == null) {
            throw new TriggerMapException("body has no \"sequence\"");
        }
        if (!sequenceNode.isArray()) {
            throw new TriggerMapException("\"sequence\" must be a list of part names, got " + shown(sequenceNode));
        }
        var sequence = new ArrayList<String>(sequenceNode.size());
        for (int i = 0; i < sequenceNode.size(); i++) {
            JsonNode name = sequenceNode.get(i);
            if (!name.isTextual()) {
                throw new TriggerMapException("sequence entry " + i + " must be a part name (a string), got " + shown(name));
            }
            sequence.add(name.textValue());
        }
        return MappingSequence.of(parts, sequence, allWrap);
    }

    /** Parses a legacy {@code POST /api/v1/mapping} body (one map, becomes part {@code main}). */
    public static MappingSequence parseMapping(String body, boolean allWrap) {
        return parseMapping(readTree(body), allWrap);
    }

    /** Parses a legacy {@code POST /api/v1/mapping} body given as UTF-8 bytes. */
    public static MappingSequence parseMapping(byte[] body, boolean allWrap) {
        return parseMapping(readTree(body), allWrap);
    }

    /** Parses an already read legacy {@code POST /api/v1/mapping} body. */
    public static MappingSequence parseMapping(JsonNode body, boolean allWrap) {
        if (!body.isObject()) {
            throw new TriggerMapException("body must be a JSON object mapping stream names to lists of cells, got " + shown(body));
        }
        return MappingSequence.single(parsePart(MappingSequence.LEGACY_PART, body), allWrap);
    }

    /** Reads JSON text, turning syntax errors into a {@link TriggerMapException}. */
    public static JsonNode readTree(String body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            return readSingleValue(parser);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Reads UTF-8 JSON bytes, turning syntax errors into a {@link TriggerMapException}. */
    public static JsonNode readTree(byte[] body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            return readSingleValue(parser);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static JsonNode readSingleValue(JsonParser parser) throws IOException {
        JsonNode node = MAPPER.readTree(parser);
        if (node == null || node.isMissingNode()) {
            throw new TriggerMapException("body is empty, expected JSON");
        }
        if (parser.nextToken() != null) {
            throw new TriggerMapException("body is not valid JSON: more data after the first value" + at(parser.currentTokenLocation()));
        }
        return node;
    }

    private static TriggerMapException unreadable(IOException e) {
        if (e instanceof JsonProcessingException jsonError) {
            return new TriggerMapException("body is not valid JSON: " + jsonError.getOriginalMessage() + at(jsonError.getLocation()));
        }
        return new TriggerMapException("body could not be read: " + e.getMessage());
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static TriggerMap parsePart(String partName, JsonNode partNode) {
        String where = "part '" + partName + "'";
        if (!partNode.isObject()) {
            throw new TriggerMapException(where + " must be an object mapping stream names to lists of cells, got " + shown(partNode));
        }
        if (partNode.size() == 1 && partNode.has("mapping") && partNode.get("mapping").isObject()) {
            throw new TriggerMapException(where + " is in the GET /api/v1/sequence form {\"mapping\": {...}}; "
                    + "post the map itself, {stream: [cell, ...]}");
        }
        var cells = new LinkedHashMap<String, List<Cell>>();
        for (var entry : partNode.properties()) {
            String stream = entry.getKey();
            JsonNode streamNode = entry.getValue();
            if (!streamNode.isArray()) {
                throw new TriggerMapException(where + ", stream '" + stream
                        + "' must be a list of cells (one per event), got " + shown(streamNode));
            }
            var streamCells = new ArrayList<Cell>(streamNode.size());
            for (int event = 0; event < streamNode.size(); event++) {
                String cellWhere = where + ", stream '" + stream + "', event " + event;
                streamCells.add(parseCell(cellWhere, streamNode.get(event)));
            }
            cells.put(stream, streamCells);
        }
        try {
            return TriggerMap.of(cells);
        } catch (TriggerMapException e) {
            throw e.within(where);
        }
    }

    private static Cell parseCell(String where, JsonNode cellNode) {
        if (cellNode.isNull()) {
            return Cell.absent();
        }
        if (!cellNode.isArray()) {
            throw new TriggerMapException(where + ": cell must be null, [] or a list of virtual workers, got " + shown(cellNode));
        }
        var virtualWorkers = new ArrayList<VirtualWorker>(cellNode.size());
        for (JsonNode vwNode : cellNode) {
            virtualWorkers.add(parseVirtualWorker(where, vwNode));
        }
        return Cell.of(virtualWorkers);
    }

    private static VirtualWorker parseVirtualWorker(String where, JsonNode vwNode) {
        if (!vwNode.isObject()) {
            throw new TriggerMapException(where + ": virtual worker must be an object such as "
                    + "{\"tags\": [\"generic\"], \"constraint\": 0}, got " + shown(vwNode));
        }
        for (var fieldNames = vwNode.fieldNames(); fieldNames.hasNext(); ) {
            String field = fieldNames.next();
            if (!VIRTUAL_WORKER_FIELDS.contains(field)) {
                throw new TriggerMapException(where + ": virtual worker has unknown field \"" + field
                        + "\" (allowed: \"tags\", \"constraint\")");
            }
        }
        return new VirtualWorker(parseTags(where, vwNode.get("tags")), parseConstraint(where, vwNode.get("constraint")));
    }

    private static Set<String> parseTags(String where, JsonNode tagsNode) {
        if (tagsNode == null) {
            return Set.of(VirtualWorker.GENERIC);
        }
        if (!tagsNode.isArray()) {
            throw new TriggerMapException(where + ": tags must be a list of strings, got " + shown(tagsNode));
        }
        var tags = new LinkedHashSet<String>();
        for (JsonNode tag : tagsNode) {
            if (!tag.isTextual() || tag.textValue().isEmpty()) {
                throw new TriggerMapException(where + ": tag must be a non-empty string, got " + shown(tag));
            }
            tags.add(tag.textValue());
        }
        return tags;
    }

    private static Long parseConstraint(String where, JsonNode constraintNode) {
        if (constraintNode == null || constraintNode.isNull()) {
            return null;
        }
        if (!constraintNode.isIntegralNumber()) {
            throw new TriggerMapException(where + ": constraint must be an integer or null, got " + shown(constraintNode));
        }
        if (!constraintNode.canConvertToLong()) {
            throw new TriggerMapException(where + ": constraint does not fit in 64 bits, got " + shown(constraintNode));
        }
        return constraintNode.longValue();
    }

    /** The offending value as JSON, shortened so a huge body is not echoed back whole. */
    private static String shown(JsonNode node) {
        String json = node.toString();
        return json.length() <= MAX_SHOWN_VALUE ? json : json.substring(0, MAX_SHOWN_VALUE) + "...";
    }

    /**
     * The {@code GET /api/v1/sequence} answer (and mapping dump):
     * {@code {"parts": {name: {"mapping": {stream: [...]}}}, "sequence": [...]}}.
     * Generated parts are expanded here, so this is the one place a large map gets materialized.
     */
    public static ObjectNode readback(MappingSequence mapping) {
        ObjectNode root = NODES.objectNode();
        ObjectNode parts = root.putObject("parts");
        for (Map.Entry<String, TriggerMap> part : mapping.parts().entrySet()) {
            parts.putObject(part.getKey()).set("mapping", toJson(part.getValue()));
        }
        ArrayNode sequence = root.putArray("sequence");
        mapping.sequence().forEach(sequence::add);
        return root;
    }

    /** {@link #readback} as compact JSON text. */
    public static String readbackText(MappingSequence mapping) {
        try {
            return MAPPER.writeValueAsString(readback(mapping));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** One part as {@code {stream: [cell, ...]}}, the form it is posted in. */
    public static ObjectNode toJson(TriggerMap part) {
        ObjectNode node = NODES.objectNode();
        for (String stream : part.streams()) {
            ArrayNode cells = node.putArray(stream);
            for (Cell cell : part.cells(stream)) {
                cells.add(toJson(cell));
            }
        }
        return node;
    }

    /** {@code null}, {@code []} or {@code [{"tags": [...], "constraint": c|null}, ...]}. */
    public static JsonNode toJson(Cell cell) {
        return switch (cell) {
            case Cell.Absent absent -> NODES.nullNode();
            case Cell.Discard discard -> NODES.arrayNode();
            case Cell.Workers workers -> {
                ArrayNode array = NODES.arrayNode();
                workers.virtualWorkers().forEach(vw -> array.add(toJson(vw)));
                yield array;
            }
        };
    }

    /** {@code {"tags": [...], "constraint": c|null}}, with the constraint written even when null. */
    public static ObjectNode toJson(VirtualWorker vw) {
        ObjectNode node = NODES.objectNode();
        ArrayNode tags = node.putArray("tags");
        vw.tags().forEach(tags::add);
        Long constraint = vw.constraint();
        if (constraint == null) {
            node.putNull("constraint");
        } else if (constraint == constraint.intValue()) {
            // IntNode for int-sized values so trees compare equal to ones Jackson read from text.
            node.set("constraint", IntNode.valueOf(constraint.intValue()));
        } else {
            node.set("constraint", LongNode.valueOf(constraint));
        }
        return node;
    }
}
