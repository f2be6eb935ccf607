package io.jdranspose.helm;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart under test: renders it with {@code helm template} and lints it, offline, through helm-java. */
final class Chart {
    /** Surefire runs in the module directory. */
    static final Path DIR = Path.of("src/main/helm/jdranspose");
    static final Path EXAMPLES = Path.of("examples");
    static final String RELEASE = "bl";
    static final String NAMESPACE = "balder";

    /** Duplicate keys are merged by some clients and refused by others: reject them here. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Chart() {
    }

    /** Renders the chart with these values (YAML) on top of values.yaml. */
    static Rendered render(String valuesYaml) {
        Path values = temporary("values", ".yaml");
        try {
            Files.writeString(values, valuesYaml);
            return render(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(values);
        }
    }

    static Rendered render(Path valuesFile) {
        String manifests = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withValuesFile(valuesFile).call();
        return new Rendered(parse(manifests));
    }

    static Path example(String name) {
        return EXAMPLES.resolve(name);
    }

    /**
     * Lints the chart with these values. helm-java's lint takes no values file, so this lints a copy whose
     * values.yaml is the chart's own merged with {@code overrides}.
     */
    static LintResult lint(String overridesYaml) {
        Path copy = temporary("chart", "");
        try {
            copyTree(DIR, copy);
            ObjectNode values = (ObjectNode) YAML.readTree(DIR.resolve("values.yaml").toFile());
            JsonNode overrides = YAML.readTree(overridesYaml);
            if (overrides != null && overrides.isObject()) {
                merge(values, (ObjectNode) overrides);
            }
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> parse(String manifests) {
        List<JsonNode> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (documents.hasNext()) {
                JsonNode object = documents.next();
                if (object != null && object.has("kind")) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** Deep merge as helm does for values: maps merge, everything else is replaced. */
    private static void merge(ObjectNode target, ObjectNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode sourceObject) {
                merge(existingObject, sourceObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static Path temporary(String prefix, String suffix) {
        try {
            return suffix.isEmpty() ? Files.createTempDirectory("jdranspose-" + prefix)
                    : Files.createTempFile("jdranspose-" + prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }
}
