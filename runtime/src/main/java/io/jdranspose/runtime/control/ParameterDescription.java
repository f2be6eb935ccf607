package io.jdranspose.runtime.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.ParameterType;
import java.nio.charset.StandardCharsets;

/**
 * The description JSON of a declared parameter, as upstream's {@code GET /api/v1/parameters} lists them
 * ({@code reference/dranspose.md} §3.5): {@code {"name":"roi1","description":null,"dtype":"str","default":"bla"}}.
 * Ours adds {@code choices} for enums. Components that declare a parameter keep its description in Redis
 * ({@link RedisKeys#parameterDescription}), which is how the controller knows types and defaults.
 */
public final class ParameterDescription {
    private ParameterDescription() {
    }

    public static ObjectNode toJson(Parameter<?> parameter) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", parameter.name());
        if (parameter.description() == null || parameter.description().isEmpty()) {
            node.putNull("description");
        } else {
            node.put("description", parameter.description());
        }
        node.put("dtype", parameter.type().wireName());
        Object def = parameter.defaultValue();
        switch (parameter.type()) {
            case INT -> node.put("default", (Long) def);
            case FLOAT -> node.put("default", (Double) def);
            case BOOL -> node.put("default", (Boolean) def);
            case BINARY -> node.put("default", new String((byte[]) def, StandardCharsets.ISO_8859_1));
            case STRING, ENUM -> node.put("default", (String) def);
        }
        if (parameter.type() == ParameterType.ENUM) {
            var choices = node.putArray("choices");
            parameter.choices().forEach(choices::add);
        }
        return node;
    }

    /** The parameter a description describes, so that values can be checked and defaults encoded. */
    public static Parameter<?> fromJson(JsonNode node) {
        String name = text(node, "name");
        String dtype = text(node, "dtype");
        JsonNode description = node.get("description");
        String text = description == null || description.isNull() ? "" : description.asText();
        JsonNode def = node.get("default");
        return switch (dtype) {
            case "int" -> Parameter.integer(name, def == null ? 0 : def.asLong(), text);
            case "float" -> Parameter.floating(name, def == null ? 0.0 : def.asDouble(), text);
            case "bool" -> Parameter.bool(name, def != null && def.asBoolean(), text);
            case "str" -> Parameter.string(name, def == null ? "" : def.asText(), text);
            case "binary" -> Parameter.binary(name, def == null ? new byte[0]
                    : def.asText().getBytes(StandardCharsets.ISO_8859_1), text);
            case "enum" -> {
                JsonNode choices = node.get("choices");
                if (choices == null || !choices.isArray() || choices.isEmpty()) {
                    throw new ControlMessageException("parameter description '" + name + "' of dtype enum has no choices");
                }
                String[] values = new String[choices.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = choices.get(i).asText();
                }
                yield Parameter.choice(name, def == null ? values[0] : def.asText(), text, values);
            }
            default -> throw new ControlMessageException("parameter description '" + name + "' has unknown dtype '"
                    + dtype + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new ControlMessageException("parameter description without text field '" + field + "': " + node);
        }
        return value.asText();
    }
}
