package io.jdranspose.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The objects {@code helm template} produced, with look-ups for what the tests check. */
record Rendered(List<JsonNode> objects) {

    List<String> names(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()))
                .map(o -> o.path("metadata").path("name").asText()).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new NoSuchElementException(kind + " " + name + " not rendered; "
                + kind + "s: " + names(kind)));
    }

    /** The first container of a Deployment. */
    JsonNode container(String deployment) {
        return get("Deployment", deployment).path("spec").path("template").path("spec").path("containers").get(0);
    }

    List<String> args(String deployment) {
        return strings(container(deployment).path("args"));
    }

    List<String> command(String deployment) {
        return strings(container(deployment).path("command"));
    }

    /** A container's environment variable: its value, or the JSON of its valueFrom. */
    String env(String deployment, String variable) {
        for (JsonNode env : container(deployment).path("env")) {
            if (variable.equals(env.path("name").asText())) {
                return env.has("value") ? env.path("value").asText() : env.path("valueFrom").toString();
            }
        }
        return null;
    }

    int replicas(String deployment) {
        return get("Deployment", deployment).path("spec").path("replicas").asInt();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
