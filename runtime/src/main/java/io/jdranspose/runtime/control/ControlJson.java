package io.jdranspose.runtime.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON mapping of every control-plane message: snake_case field names as upstream dranspose uses,
 * unknown fields ignored (newer components may add some), nulls written (upstream clients expect them).
 */
public final class ControlJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private ControlJson() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writeText(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    /**
     * @throws ControlMessageException naming the message type and what is wrong
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ControlMessageException(type.getSimpleName() + " is JSON null");
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            String text = new String(json, 0, Math.min(json.length, 200), StandardCharsets.UTF_8);
            throw new ControlMessageException("invalid " + type.getSimpleName() + ": " + firstLine(e.getMessage())
                    + " in '" + text + (json.length > 200 ? "…" : "") + "'", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
