package io.jdranspose.runtime.parameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the parameter files replay takes with {@code -p}: dranspose's JSON list
 * {@code [{"name":"roi1","data":"[10,20]"}]}, its CBOR list (where {@code data} may be a byte string), or,
 * for convenience, a JSON object {@code {"roi_x0": 10, "mode": "fast"}} whose values become their text.
 * Python pickle files are refused (never unpickle untrusted bytes).
 */
public final class ParameterFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    private ParameterFile() {
    }

    /**
     * @return raw parameter values by name, in file order
     * @throws IllegalArgumentException naming the file and the entry that is wrong
     */
    public static Map<String, byte[]> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("parameter file " + file + " is empty");
        }
        if ((bytes[0] & 0xFF) == 0x80) {
            throw new IllegalArgumentException("parameter file " + file + " is a Python pickle; jdranspose does not"
                    + " unpickle files: write it as JSON [{\"name\": ..., \"data\": ...}]");
        }
        JsonNode root;
        String format;
        try {
            root = JSON.readTree(bytes);
            format = "JSON";
        } catch (IOException jsonError) {
            try {
                root = CBOR.readTree(bytes);
                format = "CBOR";
            } catch (IOException cborError) {
                throw new IllegalArgumentException("parameter file " + file + " is neither JSON nor CBOR: "
                        + firstLine(jsonError.getMessage()));
            }
        }
        return parse(root, file + " (" + format + ")");
    }

    static Map<String, byte[]> parse(JsonNode root, String source) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("parameter file " + source + " holds no value");
        }
        if (root.isObject()) {
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                out.put(e.getKey(), valueBytes(e.getValue(), source, "\"" + e.getKey() + "\""));
            }
            return out;
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("parameter file " + source + " must hold a list of {name, data} entries"
                    + " or an object of name: value, not " + root.getNodeType().toString().toLowerCase());
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String where = "entry " + i;
            if (!entry.isObject()) {
                throw new IllegalArgumentException("parameter file " + source + ", " + where + ": not an object");
            }
            JsonNode name = entry.get("name");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                throw new IllegalArgumentException("parameter file " + source + ", " + where + ": missing \"name\"");
            }
            JsonNode data = entry.get("data");
            if (data == null) {
                throw new IllegalArgumentException("parameter file " + source + ", " + where + " (" + name.asText()
                        + "): missing \"data\"");
            }
            out.put(name.asText(), valueBytes(data, source, where + " (" + name.asText() + ")"));
        }
        return out;
    }

    private static byte[] valueBytes(JsonNode v, String source, String where) {
        try {
            if (v.isBinary()) {
                return v.binaryValue();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("parameter file " + source + ", " + where + ": unreadable bytes");
        }
        if (v.isTextual()) {
            return v.asText().getBytes(StandardCharsets.UTF_8);
        }
        if (v.isBoolean()) {
            return (v.asBoolean() ? "True" : "False").getBytes(StandardCharsets.UTF_8);
        }
        if (v.isNull()) {
            throw new IllegalArgumentException("parameter file " + source + ", " + where + ": value is null");
        }
        return v.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
