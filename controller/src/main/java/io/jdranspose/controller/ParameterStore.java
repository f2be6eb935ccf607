package io.jdranspose.controller;

import io.jdranspose.controller.http.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.api.Parameter;
import io.jdranspose.runtime.control.ControlJson;
import io.jdranspose.runtime.control.ControlMessageException;
import io.jdranspose.runtime.control.ParameterDescription;
import io.jdranspose.runtime.control.RedisKeys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parameter values and their versions in Redis ({@code docs/pipeline.md}, "Parameters"): a value lives in
 * the {@code parameters} hash, a fresh version UUID in {@code parameter_versions}; both are written by one
 * Lua script so no reader sees a new value with an old version. Types and defaults come from the
 * descriptions the workers and reducer keep in Redis.
 */
final class ParameterStore {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterStore.class);

    /** The parameter the controller itself knows (reference §3.5): where to dump mappings and recordings. */
    static final String DUMP_PREFIX = "dump_prefix";

    private static final String STORE = """
            redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
            redis.call('hset', KEYS[2], ARGV[1], ARGV[3])
            return 1""";
    private static final String STORE_IF_ABSENT = """
            if redis.call('hexists', KEYS[1], ARGV[1]) == 1 then
              return 0
            end
            redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
            redis.call('hset', KEYS[2], ARGV[1], ARGV[3])
            return 1""";

    private final RedisCommands<String, byte[]> commands;
    private final RedisKeys keys;

    ParameterStore(RedisCommands<String, byte[]> commands, RedisKeys keys) {
        this.commands = commands;
        this.keys = keys;
    }

    /** The built-in description of {@value #DUMP_PREFIX}, exactly as upstream lists it. */
    static ObjectNode dumpPrefixDescription() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", DUMP_PREFIX);
        node.put("description", "Prefix to dump ingester values");
        node.put("dtype", "str");
        node.put("default", "");
        return node;
    }

    /** The current value, or null when the parameter has none. */
    byte[] value(String name) {
        return commands.hget(keys.parameters(), name);
    }

    /**
     * Stores a new value with a new version.
     *
     * @throws ApiProblem 400 naming the parameter and the value when it does not parse for its described type
     */
    void store(String name, byte[] value) {
        Parameter<?> described = described(name);
        if (described != null) {
            try {
                described.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "value refused: " + e.getMessage());
            }
        }
        commands.eval(STORE, ScriptOutputType.INTEGER, new String[] {keys.parameters(), keys.parameterVersions()},
                bytes(name), value, bytes(UUID.randomUUID().toString()));
    }

    /** Name → version UUID of every parameter that has a value. */
    Map<String, String> versions() {
        Map<String, byte[]> raw = commands.hgetall(keys.parameterVersions());
        var versions = new TreeMap<String, String>();
        raw.forEach((name, version) -> versions.put(name, new String(version, StandardCharsets.UTF_8)));
        return versions;
    }

    /** Name → value of every parameter. */
    Map<String, byte[]> values() {
        return new TreeMap<>(commands.hgetall(keys.parameters()));
    }

    /** The {@value #DUMP_PREFIX} value as text, "" when unset. */
    String dumpPrefix() {
        byte[] value = value(DUMP_PREFIX);
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The descriptions workers and reducer keep in Redis plus the built-in {@value #DUMP_PREFIX}, sorted by
     * name ({@code GET /api/v1/parameters}). Unreadable descriptions are skipped.
     */
    List<JsonNode> descriptions() {
        var byName = new TreeMap<String, JsonNode>();
        for (JsonNode description : storedDescriptions()) {
            byName.put(description.get("name").asText(), description);
        }
        byName.put(DUMP_PREFIX, dumpPrefixDescription());
        return new ArrayList<>(byName.values());
    }

    /** Names of described parameters whose dtype is {@code binary} (they are dumped as bytes). */
    Set<String> binaryNames() {
        var names = new TreeSet<String>();
        for (JsonNode description : storedDescriptions()) {
            if ("binary".equals(description.path("dtype").asText())) {
                names.add(description.get("name").asText());
            }
        }
        return names;
    }

    /**
     * Gives every described parameter without a value its default (upstream does this every 2 s, so
     * declared parameters always exist shortly after a worker starts).
     *
     * @return whether any value was set (then components must be told)
     */
    boolean fillDefaults() {
        boolean changed = false;
        for (JsonNode description : storedDescriptions()) {
            String name = description.get("name").asText();
            if (DUMP_PREFIX.equals(name)) {
                continue;
            }
            Parameter<?> parameter;
            try {
                parameter = ParameterDescription.fromJson(description);
            } catch (RuntimeException e) {
                LOG.debug("no default for parameter '{}': {}", name, e.getMessage());
                continue;
            }
            Long set = commands.eval(STORE_IF_ABSENT, ScriptOutputType.INTEGER,
                    new String[] {keys.parameters(), keys.parameterVersions()}, bytes(name), encodedDefault(parameter),
                    bytes(UUID.randomUUID().toString()));
            if (set != null && set == 1L) {
                LOG.info("parameter '{}' set to its default", name);
                changed = true;
            }
        }
        return changed;
    }

    private Parameter<?> described(String name) {
        byte[] json = commands.get(keys.parameterDescription(name));
        if (json == null) {
            return null;
        }
        try {
            return ParameterDescription.fromJson(ControlJson.MAPPER.readTree(json));
        } catch (IOException | RuntimeException e) {
            // A description we cannot read must not block setting the value.
            LOG.warn("description of parameter '{}' is unreadable ({}); storing the value unchecked", name,
                    e.getMessage());
            return null;
        }
    }

    private List<JsonNode> storedDescriptions() {
        List<String> found = RedisScan.keys(commands, keys.parameterDescriptionPattern());
        var descriptions = new ArrayList<JsonNode>();
        if (found.isEmpty()) {
            return descriptions;
        }
        for (KeyValue<String, byte[]> kv : commands.mget(found.toArray(String[]::new))) {
            if (!kv.hasValue()) {
                continue;
            }
            try {
                JsonNode node = ControlJson.MAPPER.readTree(kv.getValue());
                if (node == null || !node.isObject() || !node.path("name").isTextual()) {
                    throw new ControlMessageException("not an object with a text field 'name'");
                }
                descriptions.add(node);
            } catch (IOException | ControlMessageException e) {
                LOG.debug("ignoring parameter description {}: {}", kv.getKey(), e.getMessage());
            }
        }
        return descriptions;
    }

    private static <T> byte[] encodedDefault(Parameter<T> parameter) {
        return parameter.encode(parameter.defaultValue());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
