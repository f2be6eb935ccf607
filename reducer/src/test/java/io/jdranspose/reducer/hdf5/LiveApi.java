package io.jdranspose.reducer.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a running HSDS API over real HTTP the way a client browses it: the domain, then links, datasets,
 * values and attributes, recursively from the root group.
 */
final class LiveApi {
    /** An attribute as the API describes it. */
    record Attribute(JsonNode type, JsonNode shape, JsonNode value) {
    }

    /** A group or dataset as the API describes it; type, shape and value are null for groups. */
    record ApiObject(String path, boolean group, JsonNode type, JsonNode shape, JsonNode value,
                     Map<String, Attribute> attributes) {
    }

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    LiveApi(URI base) {
        this.base = base;
    }

    /** Every object below the root, groups before their children, in link order. */
    List<ApiObject> walk() {
        List<ApiObject> out = new ArrayList<>();
        walkGroup(get("/").path("root").asText(), "/", out);
        return out;
    }

    JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
            return LENIENT.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void walkGroup(String id, String path, List<ApiObject> out) {
        out.add(new ApiObject(path, true, null, null, null, attributes("/groups/" + id)));
        for (JsonNode link : get("/groups/" + id + "/links").path("links")) {
            String child = (path.equals("/") ? "/" : path + "/") + link.path("title").asText();
            String childId = link.path("id").asText();
            if (link.path("collection").asText().equals("groups")) {
                walkGroup(childId, child, out);
            } else {
                JsonNode meta = get("/datasets/" + childId);
                JsonNode value = get("/datasets/" + childId + "/value").path("value");
                out.add(new ApiObject(child, false, meta.path("type"), meta.path("shape"), value,
                        attributes("/datasets/" + childId)));
            }
        }
    }

    private Map<String, Attribute> attributes(String owner) {
        Map<String, Attribute> out = new LinkedHashMap<>();
        for (JsonNode a : get(owner + "/attributes").path("attributes")) {
            String name = a.path("name").asText();
            JsonNode full = get(owner + "/attributes/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            out.put(name, new Attribute(full.path("type"), full.path("shape"), full.path("value")));
        }
        return out;
    }
}
