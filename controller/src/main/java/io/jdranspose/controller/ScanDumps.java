package io.jdranspose.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.controller.triggermap.TriggerMapJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The controller's dumps when the {@code dump_prefix} parameter is set (reference §6.4):
 * {@code <prefix>mapping-<uuid>.json}, identical to {@code GET /api/v1/sequence}, and
 * {@code <prefix>parameters-<uuid>.json} ({@code [{"name": .., "data": "<utf-8>"}, ...]}), or, when a value
 * holds a NUL byte, {@code <prefix>parameters-<uuid>.cbor}: a CBOR array of maps in which binary values are
 * byte strings and the others text.
 */
final class ScanDumps {
    private ScanDumps() {
    }

    /**
     * @param values      every parameter value, by name (sorted)
     * @param binaryNames parameters described as binary
     * @return the files written
     */
    static java.util.List<Path> write(String prefix, String uuid, MappingSequence mapping, Map<String, byte[]> values,
                                      Set<String> binaryNames) throws IOException {
        Path mappingFile = Path.of(prefix + "mapping-" + uuid + ".json");
        Files.writeString(mappingFile, PythonJsonText.write(TriggerMapJson.readback(mapping)), StandardCharsets.UTF_8);
        boolean hasNul = values.values().stream().anyMatch(ScanDumps::containsNul);
        Path parameterFile;
        if (hasNul) {
            parameterFile = Path.of(prefix + "parameters-" + uuid + ".cbor");
            Files.write(parameterFile, cbor(values, binaryNames));
        } else {
            parameterFile = Path.of(prefix + "parameters-" + uuid + ".json");
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            values.forEach((name, value) -> list.addObject().put("name", name)
                    .put("data", new String(value, StandardCharsets.UTF_8)));
            Files.writeString(parameterFile, PythonJsonText.write(list), StandardCharsets.UTF_8);
        }
        return java.util.List.of(mappingFile, parameterFile);
    }

    private static byte[] cbor(Map<String, byte[]> values, Set<String> binaryNames) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (CBORGenerator generator = new CBORFactory().createGenerator(bytes)) {
            generator.writeStartArray();
            for (var entry : values.entrySet()) {
                generator.writeStartObject();
                generator.writeStringField("name", entry.getKey());
                generator.writeFieldName("data");
                if (binaryNames.contains(entry.getKey()) || containsNul(entry.getValue())) {
                    generator.writeBinary(entry.getValue());
                } else {
                    generator.writeString(new String(entry.getValue(), StandardCharsets.UTF_8));
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        return bytes.toByteArray();
    }

    private static boolean containsNul(byte[] value) {
        for (byte b : value) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
