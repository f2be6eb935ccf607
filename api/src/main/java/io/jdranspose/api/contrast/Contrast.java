package io.jdranspose.api.contrast;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.pickle.PickleReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for messages of the Contrast scan software: one frame holding a pickled dict with a
 * {@code status} of {@code heartbeat}, {@code started}, {@code running} (one per scan point) or
 * {@code finished}. The pickle is decoded with the safe {@link PickleReader}.
 *
 * <pre>{@code
 * if (Contrast.parse(event.stream("contrast")) instanceof ContrastPacket.Running point) {
 *     double sx = point.number("sx");
 *     NdArray x = (NdArray) ((Map<?, ?>) point.entries().get("pseudo")).get("x");
 * }
 * }</pre>
 */
public final class Contrast {
    /** The stream type ingesters give Contrast streams. */
    public static final String TYPE = "contrast";

    private Contrast() {
    }

    /** Parses the frames of one Contrast stream in one event. */
    public static ContrastPacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no Contrast stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one Contrast message (a single frame).
     *
     * @throws ProtocolException naming what is wrong: frame count, the pickle, a missing or mistyped field
     */
    public static ContrastPacket parse(List<byte[]> frames) {
        if (frames == null || frames.size() != 1) {
            throw new ProtocolException("Contrast message has " + (frames == null ? 0 : frames.size())
                    + " frames, expected 1 (a pickled dict)");
        }
        Object value;
        try {
            value = PickleReader.read(frames.get(0));
        } catch (ProtocolException e) {
            throw new ProtocolException("Contrast message: " + e.getMessage(), e);
        }
        Map<String, Object> message = stringKeys(value, "message");
        if (!(message.get("status") instanceof String status)) {
            throw new ProtocolException("Contrast message has no string 'status' (keys " + message.keySet() + ")");
        }
        return switch (status) {
            case "heartbeat" -> new ContrastPacket.Heartbeat(message);
            case "started" -> new ContrastPacket.Started(text(message, "path", status), integer(message, "scannr", status),
                    text(message, "description", status), snapshot(message, status), message);
            case "finished" -> new ContrastPacket.Finished(text(message, "path", status),
                    integer(message, "scannr", status), text(message, "description", status),
                    snapshot(message, status), message);
            case "running" -> running(message);
            default -> throw new ProtocolException("Contrast message has unknown status '" + status + "'");
        };
    }

    private static ContrastPacket.Running running(Map<String, Object> message) {
        if (!(message.get("dt") instanceof Number dt)) {
            throw new ProtocolException("Contrast running message has no number 'dt'");
        }
        Map<String, Object> entries = new LinkedHashMap<>(message);
        entries.remove("status");
        entries.remove("dt");
        return new ContrastPacket.Running(dt.doubleValue(), entries, message);
    }

    private static Map<String, Object> snapshot(Map<String, Object> message, String status) {
        Object s = message.get("snapshot");
        return s == null ? Map.of() : stringKeys(s, status + " snapshot");
    }

    private static Map<String, Object> stringKeys(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ProtocolException("Contrast " + what + " is not a dict but " + describe(value));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new ProtocolException("Contrast " + what + " has a key that is not a str: " + describe(e.getKey()));
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    private static String text(Map<String, Object> message, String field, String status) {
        if (message.get(field) instanceof String s) {
            return s;
        }
        throw new ProtocolException("Contrast " + status + " message has no str '" + field + "'");
    }

    private static long integer(Map<String, Object> message, String field, String status) {
        if (message.get(field) instanceof Long n) {
            return n;
        }
        throw new ProtocolException("Contrast " + status + " message has no int '" + field + "'");
    }

    private static String describe(Object v) {
        return v == null ? "None" : v.getClass().getSimpleName();
    }
}
