package io.jdranspose.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real HTTP client for a controller's API, answers as text (and JSON when asked). */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    /** For streamed answers, which hold their connection until the stream ends. */
    static final HttpClient CLIENT_FOR_STREAMS = HttpClient.newHttpClient();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;

    Api(URI base) {
        this(base, null);
    }

    Api(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<byte[]> getBytes(String path) {
        try {
            return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    HttpResponse<String> post(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, byte[] body) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    /** POSTs a trigger map and returns the uuid; fails the test on any other answer. */
    String startScan(String path, String body) {
        HttpResponse<String> response = post(path, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).asText();
    }

    /** Polls progress until the scan is finished (or fails after the timeout). */
    JsonNode awaitFinished(String uuid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode progress;
        do {
            progress = getJson("api/v1/progress");
            if (progress.path("finished").asBoolean() && uuid.equals(progress.path("mapping_uuid").asText())) {
                return progress;
            }
            sleep(1);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("scan " + uuid + " did not finish within " + timeout + "; progress " + progress);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
