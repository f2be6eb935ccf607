package io.jdranspose.app.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A client of the controller's REST API, as scan software would use it: post a map, set parameters,
 * follow the progress. Used by {@code demo}, {@code bench pipeline} and the tests.
 */
public final class ControllerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public ControllerClient(URI base) {
        this.base = base;
    }

    /** Posts a sequence body; returns the mapping uuid. */
    public String postSequence(String body) throws IOException, InterruptedException {
        return post("api/v1/sequence", body.getBytes(StandardCharsets.UTF_8)).asText();
    }

    /** Posts a single (legacy) map body; returns the mapping uuid. */
    public String postMapping(String body) throws IOException, InterruptedException {
        return post("api/v1/mapping", body.getBytes(StandardCharsets.UTF_8)).asText();
    }

    public String setParameter(String name, byte[] value) throws IOException, InterruptedException {
        return post("api/v1/parameter/" + name, value).asText();
    }

    public void stop() throws IOException, InterruptedException {
        post("api/v1/stop", new byte[0]);
    }

    public JsonNode progress() throws IOException, InterruptedException {
        return get("api/v1/progress");
    }

    public JsonNode config() throws IOException, InterruptedException {
        return get("api/v1/config");
    }

    /**
     * Polls the progress until the scan is finished.
     *
     * @param onProgress told about every progress reply
     * @return the final progress
     * @throws IOException when the scan does not finish within {@code timeout} (with the last progress)
     */
    public JsonNode awaitFinished(Duration timeout, Consumer<JsonNode> onProgress) throws IOException, InterruptedException {
        return awaitFinished(timeout, Duration.ofMillis(20), onProgress);
    }

    /** As {@link #awaitFinished(Duration, Consumer)}, asking every {@code poll}. */
    public JsonNode awaitFinished(Duration timeout, Duration poll, Consumer<JsonNode> onProgress)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode progress = progress();
        while (!progress.path("finished").asBoolean()) {
            onProgress.accept(progress);
            if (System.nanoTime() > deadline) {
                throw new IOException("scan not finished after " + timeout.toSeconds() + " s: " + progress);
            }
            Thread.sleep(poll.toMillis());
            progress = progress();
        }
        onProgress.accept(progress);
        return progress;
    }

    /** Waits until the controller sees at least this many ingesters and workers, and a reducer. */
    public JsonNode awaitMembers(int ingesters, int workers, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode config = config();
            if (config.path("ingesters").size() >= ingesters && config.path("workers").size() >= workers
                    && config.hasNonNull("reducer")) {
                return config;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("pipeline not complete after " + timeout.toSeconds() + " s (want " + ingesters
                        + " ingester(s), " + workers + " worker(s), a reducer): " + config);
            }
            Thread.sleep(20);
        }
    }

    private JsonNode post(String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return parse(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), path);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        return parse(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), path);
    }

    private static JsonNode parse(HttpResponse<byte[]> response, String path) throws IOException {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() / 100 != 2) {
            throw new ControllerRefusal(response.statusCode(), path, text);
        }
        return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    }

    /** The controller answered with an error status; the message carries its {@code detail}. */
    public static final class ControllerRefusal extends IOException {
        private final int status;

        ControllerRefusal(int status, String path, String body) {
            super("controller refused " + path + " (HTTP " + status + "): " + detail(body));
            this.status = status;
        }

        public int status() {
            return status;
        }

        private static String detail(String body) {
            try {
                JsonNode node = JSON.readTree(body);
                return node.has("detail") ? node.get("detail").asText() : body;
            } catch (IOException e) {
                return body;
            }
        }
    }
}
