package io.jdranspose.controller.triggermap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/v1/sardana_hook}: {@code {"streams": [...], "scan": {"nb_points": N, ...}}}.
 *
 * <p>Upstream answers HTTP 200 with a plain string when a field is missing (hooks in the field rely on
 * the call never failing), so those cases are a {@link Declined} value and not an exception. Fields of
 * the wrong type are a {@link TriggerMapException}.
 */
public sealed interface SardanaHookRequest {

    /**
     * A usable hook call.
     *
     * @param streams  the streams the scan software named, in its order (intersect with the available
     *                 streams before building the map)
     * @param nbPoints number of data points of the scan
     */
    record Scan(List<String> streams, int nbPoints) implements SardanaHookRequest {
        public Scan {
            streams = List.copyOf(streams);
        }

        /** The uniform map over the given streams, see {@link MappingSequence#sardana}. */
        public MappingSequence toMapping(List<String> availableStreams, boolean allWrap) {
            return MappingSequence.sardana(streams.stream().filter(availableStreams::contains).toList(), nbPoints, allWrap);
        }
    }

    /**
     * A call that cannot start a scan; upstream returns {@code reason} as a JSON string with HTTP 200.
     *
     * @param reason {@code "no scan info"}, {@code "no nb_points in scan"} or {@code "streams required"}
     */
    record Declined(String reason) implements SardanaHookRequest {
    }

    /** Checks in upstream's order: scan, then nb_points, then streams. */
    static SardanaHookRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw new TriggerMapException("body must be a JSON object with \"streams\" and \"scan\", got " + body);
        }
        JsonNode scan = body.get("scan");
        if (scan == null) {
            return new Declined("no scan info");
        }
        if (!scan.isObject()) {
            throw new TriggerMapException("\"scan\" must be an object, got " + scan);
        }
        JsonNode nbPoints = scan.get("nb_points");
        if (nbPoints == null) {
            return new Declined("no nb_points in scan");
        }
        if (!nbPoints.isIntegralNumber() || !nbPoints.canConvertToInt() || nbPoints.intValue() < 0) {
            throw new TriggerMapException("\"nb_points\" must be a non-negative integer, got " + nbPoints);
        }
        JsonNode streamsNode = body.get("streams");
        if (streamsNode == null) {
            return new Declined("streams required");
        }
        if (!streamsNode.isArray()) {
            throw new TriggerMapException("\"streams\" must be a list of stream names, got " + streamsNode);
        }
        var streams = new ArrayList<String>();
        for (JsonNode stream : streamsNode) {
            if (!stream.isTextual() || stream.textValue().isEmpty()) {
                throw new TriggerMapException("\"streams\" entries must be non-empty strings, got " + stream);
            }
            streams.add(stream.textValue());
        }
        return new Scan(streams, nbPoints.intValue());
    }
}
