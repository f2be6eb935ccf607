package io.jdranspose.api.stins;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jdranspose.api.DType;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.json.JsonFrame;
import io.jdranspose.api.json.PlainJsonReader;
import io.jdranspose.api.json.UntypedJsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parser for the STINS ("stream1") protocol: a JSON header frame with {@code htype} and {@code msg_number},
 * followed for images by one frame of raw pixels.
 *
 * <pre>{@code
 * StinsPacket.Image image = Stins.parse(event.stream("eiger")).image();   // null for start/end
 * if (image != null) { double mean = image.data().roiMean(0, 64, 0, 64); }
 * }</pre>
 */
public final class Stins {
    /** The stream type ingesters give STINS streams. */
    public static final String TYPE = "STINS";

    /** Jackson's defaults, as the ObjectMapper this parser used before: strict JSON, no NaN. */
    private static final JsonFactory JSON = new JsonFactory();

    private Stins() {
    }

    /** Parses the frames of one STINS stream in one event. */
    public static StinsPacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no STINS stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one STINS multipart message.
     *
     * @throws ProtocolException naming what is wrong: missing frames, bad JSON, missing fields, a shape
     *                           that does not match the data
     */
    public static StinsPacket parse(List<byte[]> frames) {
        if (frames.isEmpty()) {
            throw new ProtocolException("STINS message has no frames");
        }
        Map<String, Object> header = json(frames.get(0), "header");
        Object htype = header.get("htype");
        if (!(htype instanceof String type)) {
            throw new ProtocolException("STINS header has no string 'htype': " + JsonFrame.preview(frames.get(0)));
        }
        long msgNumber = integer(header, "msg_number", type);
        return switch (type) {
            case "header" -> new StinsPacket.Start(msgNumber, header.get("filename") instanceof String f ? f : "",
                    header, frames.size() > 1 ? json(frames.get(1), "meta") : null);
            case "image" -> image(frames, header, msgNumber);
            case "series_end" -> new StinsPacket.End(msgNumber, header);
            default -> throw new ProtocolException("STINS header has unknown htype '" + type + "'");
        };
    }

    private static StinsPacket.Image image(List<byte[]> frames, Map<String, Object> header, long msgNumber) {
        if (frames.size() != 2) {
            throw new ProtocolException("STINS image message " + msgNumber + " has " + frames.size()
                    + " frames, expected 2 (header, pixels)");
        }
        long frame = integer(header, "frame", "image");
        Object shapeField = header.get("shape");
        // an empty shape is a scalar frame (one value, e.g. a motor position), as numpy reads it
        if (!(shapeField instanceof List<?> list)) {
            throw new ProtocolException("STINS image " + frame + " has no 'shape' list");
        }
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE
                    || n.doubleValue() != n.longValue()) {
                throw new ProtocolException("STINS image " + frame + " has a bad shape " + list);
            }
            shape[i] = n.intValue();
        }
        Object typeField = header.get("type");
        if (!(typeField instanceof String typeName)) {
            throw new ProtocolException("STINS image " + frame + " has no 'type'");
        }
        DType dtype;
        try {
            dtype = DType.fromNumpy(typeName);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("STINS image " + frame + ": " + e.getMessage());
        }
        String compression = header.get("compression") instanceof String c ? c : "none";
        byte[] raw = frames.get(1);
        if (compression.equals("none")) {
            long expected = StinsPacket.Image.byteCount(shape, dtype);
            if (expected != raw.length) {
                throw new ProtocolException("STINS image " + frame + ": shape " + list + " of " + typeName + " needs "
                        + expected + " bytes, the frame has " + raw.length);
            }
        }
        return new StinsPacket.Image(msgNumber, frame, shape, dtype, DType.byteOrderOf(typeName), compression,
                header, raw);
    }

    /**
     * One frame as a JSON object. The ingester parses every image header, so the plain headers detectors send
     * take {@link PlainJsonReader}, anything else Jackson's streaming parser; databind's per-call overhead
     * was most of the cost. Same maps and same errors as databind's {@code readValue(bytes, Map.class)} that this
     * used before, which ignored whatever follows the object: both readers stop at its end too.
     */
    static Map<String, Object> json(byte[] bytes, String what) {
        Map<String, Object> plain = PlainJsonReader.readObject(bytes);
        if (plain != null) {
            return plain;
        }
        try (JsonParser p = JSON.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return UntypedJsonReader.object(p);
            }
            if (first == JsonToken.VALUE_NULL) {
                throw new ProtocolException("STINS " + what + " frame is JSON null");
            }
            throw new ProtocolException("STINS " + what + " frame is not a JSON object: " + JsonFrame.preview(bytes));
        } catch (JsonProcessingException e) {
            throw new ProtocolException("STINS " + what + " frame is not a JSON object: " + JsonFrame.preview(bytes), e);
        } catch (IOException e) {
            throw new ProtocolException("STINS " + what + " frame unreadable", e);
        }
    }

    private static long integer(Map<String, Object> header, String field, String htype) {
        Object v = header.get(field);
        if (v instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new ProtocolException("STINS " + htype + " header has no integer '" + field + "'"
                + (v == null ? "" : " (got " + v + ")"));
    }
}
