package io.jdranspose.api.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values from a streaming parser into the same plain Java objects as Jackson databind's untyped
 * mapping ({@code readValue(bytes, Map.class)}), without databind's per-call cost (type resolution, deserializer
 * lookup, context objects), which dominated parsing a small detector header: integers as {@link Integer},
 * {@link Long} or {@link java.math.BigInteger} by size, other numbers as {@link Double}, arrays as
 * {@link ArrayList}, objects as {@link LinkedHashMap} in document order, a repeated name keeping its first place and
 * its last value.
 *
 * <pre>{@code
 * try (JsonParser p = factory.createParser(bytes)) {
 *     if (p.nextToken() == JsonToken.START_OBJECT) {
 *         Map<String, Object> header = UntypedJsonReader.object(p);   // p is left on the closing brace
 *     }
 * }
 * }</pre>
 */
public final class UntypedJsonReader {
    private UntypedJsonReader() {
    }

    /** The object whose {@code START_OBJECT} is the parser's current token, leaving the parser on its end. */
    public static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        // nextFieldName is the parser's fast path for names; it returns null on the closing brace.
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            map.put(name, value(p, p.nextToken()));
        }
        return map;
    }

    /** The value whose first token is {@code t}, the parser's current token, leaving the parser on its last token. */
    public static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of input, expected a value");
        }
        return switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> p.getText();
            // The parser picks the smallest of Integer, Long and BigInteger, as databind keeps it.
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "unexpected " + t + ", expected a value");
        };
    }

    private static List<Object> array(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            list.add(value(p, t));
        }
        return list;
    }
}
