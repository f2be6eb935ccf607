package io.jdranspose.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.ProtocolException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame holding a JSON object, read into an ordered map (integers as {@link Long}, other numbers as
 * {@link Double}), with typed getters whose errors name the protocol and the frame.
 *
 * <pre>{@code
 * JsonFrame f = JsonFrame.read("AlbaEM", frames.get(0));
 * long id = f.integer("message_id");
 * }</pre>
 *
 * @param protocol the protocol name used in error messages
 * @param fields   the object's members in document order (a repeated name keeps its first place and last value,
 *                 as Python's {@code json.loads} does)
 */
public record JsonFrame(String protocol, Map<String, Object> fields) {
    /** Reads like Python's json module: NaN and Infinity allowed, nothing after the object. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    /**
     * Reads one frame that must be a JSON object.
     *
     * @throws ProtocolException naming the protocol when the bytes are not one JSON object
     */
    public static JsonFrame read(String protocol, byte[] bytes) {
        Map<String, Object> map;
        try {
            map = JSON.readValue(bytes, MAP);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(protocol + " frame is not a JSON object: " + preview(bytes)
                    + " (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new ProtocolException(protocol + " frame unreadable: " + e.getMessage(), e);
        }
        if (map == null) {
            throw new ProtocolException(protocol + " frame is JSON null, expected an object");
        }
        map.replaceAll((k, v) -> normalise(v));
        return new JsonFrame(protocol, map);
    }

    /** Integers as Long (beyond its range as Double, as a Python int too large for a C long reads), all the way down. */
    @SuppressWarnings("unchecked")
    private static Object normalise(Object v) {
        return switch (v) {
            case Integer i -> (long) i;
            case BigInteger b -> b.doubleValue();
            case Number n when !(v instanceof Long) && !(v instanceof Double) -> n.doubleValue();
            case List<?> list -> {
                ((List<Object>) list).replaceAll(JsonFrame::normalise);
                yield list;
            }
            case Map<?, ?> map -> {
                ((Map<String, Object>) map).replaceAll((k, x) -> normalise(x));
                yield map;
            }
            case null, default -> v;
        };
    }

    /** Whether the member is present (even if null). */
    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** An integral number member (a float with an integral value is accepted, as Pydantic's lax mode does). */
    public long integer(String name) {
        Object v = fields.get(name);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return d.longValue();
        }
        throw new ProtocolException(protocol + " " + describe() + " needs an integer '" + name + "'"
                + (v == null ? (has(name) ? ", got null" : ", it is missing") : ", got " + show(v)));
    }

    /** A number member as a double. */
    public double number(String name) {
        Object v = fields.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ProtocolException(protocol + " " + describe() + " needs a number '" + name + "'"
                + (v == null ? (has(name) ? ", got null" : ", it is missing") : ", got " + show(v)));
    }

    /** A string member. */
    public String string(String name) {
        Object v = fields.get(name);
        if (v instanceof String s) {
            return s;
        }
        throw new ProtocolException(protocol + " " + describe() + " needs a string '" + name + "'"
                + (v == null ? (has(name) ? ", got null" : ", it is missing") : ", got " + show(v)));
    }

    /** An object member, or an empty map when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> objectOrEmpty(String name) {
        Object v = fields.get(name);
        if (v == null && !has(name)) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ProtocolException(protocol + " " + describe() + " needs an object '" + name + "', got " + show(v));
    }

    /** The members except the named ones, in document order. */
    public Map<String, Object> without(List<String> names) {
        Map<String, Object> rest = new LinkedHashMap<>(fields);
        rest.keySet().removeAll(names);
        return rest;
    }

    private String describe() {
        Object id = fields.get("message_id");
        Object type = fields.get("message_type");
        return (type instanceof String t ? t + " " : "") + "message" + (id instanceof Long l ? " " + l : "");
    }

    private static String show(Object v) {
        String s = v instanceof String str ? "'" + str + "'" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** The first bytes of a frame, printable, for error messages. */
    public static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        return "'" + s + (bytes.length > 80 ? "…'" : "'");
    }
}
