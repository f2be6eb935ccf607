package io.jdranspose.reducer.hsds;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.publish.Node;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upstream's recorded replay ({@code data/recorded-by-dranspose}): where it is, and the publish tree its
 * {@code VectorsReducer} built, rebuilt from {@code expected.json} with dranspose's dict convention
 * (dict → group, {@code X_attrs} → attributes of X, int → int64, float → float64, lists → 1-D).
 */
final class RecordedReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedReplay() {
    }

    /** The recordings folder; skips the calling test when the shared data are not there. */
    static Path dir() {
        String shared = System.getProperty("jdranspose.shared");
        assumeTrue(shared != null, "system property jdranspose.shared is not set (run through Maven)");
        Path dir = Path.of(shared, "data", "recorded-by-dranspose");
        assumeTrue(Files.isRegularFile(dir.resolve("expected.json")),
                "upstream recordings not found in " + dir + "; HSDS compatibility checks skipped");
        return dir;
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PublishTree tree() {
        JsonNode publish = readJson(dir().resolve("expected.json")).path("replay").path("expected_publish");
        PublishTree tree = new PublishTree();
        addDict(tree, "", publish);
        return tree;
    }

    private static void addDict(PublishTree tree, String prefix, JsonNode dict) {
        List<Map.Entry<String, JsonNode>> attrs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : dict.properties()) {
            String key = e.getKey();
            if (key.endsWith("_attrs")) {
                attrs.add(e);
                continue;
            }
            String path = prefix + "/" + key;
            JsonNode v = e.getValue();
            if (v.isObject()) {
                tree.group(path);
                addDict(tree, path, v);
            } else if (v.isIntegralNumber()) {
                tree.scalar(path, v.longValue());
            } else if (v.isFloatingPointNumber()) {
                tree.scalar(path, v.doubleValue());
            } else if (v.isTextual()) {
                tree.scalar(path, v.textValue());
            } else if (v.isArray() && v.size() > 0 && v.get(0).isTextual()) {
                List<String> strings = new ArrayList<>();
                v.forEach(s -> strings.add(s.asText()));
                tree.strings(path).replace(strings);
            } else if (v.isArray() && anyFloat(v)) {
                double[] a = new double[v.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = v.get(i).doubleValue();
                }
                tree.array(path, a);
            } else if (v.isArray()) {
                long[] a = new long[v.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = v.get(i).longValue();
                }
                tree.array(path, a);
            } else {
                throw new IllegalArgumentException("cannot publish " + path + " = " + v);
            }
        }
        for (Map.Entry<String, JsonNode> e : attrs) {
            String owner = e.getKey().equals("_attrs") ? (prefix.isEmpty() ? "/" : prefix)
                    : prefix + "/" + e.getKey().substring(0, e.getKey().length() - "_attrs".length());
            Node node = tree.find(owner);
            if (node == null) {
                continue; // dranspose ignores attributes of a missing sibling
            }
            for (Map.Entry<String, JsonNode> a : e.getValue().properties()) {
                JsonNode v = a.getValue();
                node.attribute(a.getKey(), v.isTextual() ? v.textValue()
                        : v.isIntegralNumber() ? (Object) v.longValue() : (Object) v.doubleValue());
            }
        }
    }

    private static boolean anyFloat(JsonNode array) {
        for (JsonNode n : array) {
            if (n.isFloatingPointNumber()) {
                return true;
            }
        }
        return false;
    }
}
