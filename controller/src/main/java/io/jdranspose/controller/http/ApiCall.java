package io.jdranspose.controller.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.jdranspose.runtime.control.ControlJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its answer, with what the controller's handlers need: the body (at most
 * {@link #MAX_BODY} bytes, else 413), query parameters, path parameters, and JSON, bytes or streamed answers.
 */
public final class ApiCall {
    /** Larger bodies are refused with 413 (a trigger map of a million events is a few MiB). */
    public static final long MAX_BODY = 64L * 1024 * 1024;
    /** JSON answers: snake_case records, as upstream's pydantic models serialise. */
    private static final ObjectMapper JSON = ControlJson.MAPPER;

    private final HttpExchange exchange;
    private final Map<String, String> pathParameters;
    private final List<String[]> query;
    private byte[] body;
    private boolean responded;

    ApiCall(HttpExchange exchange, Map<String, String> pathParameters) {
        this.exchange = exchange;
        this.pathParameters = pathParameters;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path() {
        return exchange.getRequestURI().getPath();
    }

    /** The value of a {@code {name}} segment of the route. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter '" + name + "'");
        }
        return value;
    }

    /**
     * The request body.
     *
     * @throws ApiProblem 413 when it is larger than {@link #MAX_BODY}
     */
    public byte[] body() throws IOException {
        if (body != null) {
            return body;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new ApiProblem(400, "Content-Length is not a number: '" + length + "'");
            }
        }
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + (long) n > MAX_BODY) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        body = out.toByteArray();
        return body;
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(413, "request body larger than " + MAX_BODY / (1024 * 1024) + " MiB");
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        for (String[] pair : query) {
            if (pair[0].equals(name)) {
                return Optional.of(pair[1]);
            }
        }
        return Optional.empty();
    }

    /** Every value of a repeatable query parameter, in order. */
    public List<String> queryAll(String name) {
        var values = new ArrayList<String>();
        for (String[] pair : query) {
            if (pair[0].equals(name)) {
                values.add(pair[1]);
            }
        }
        return values;
    }

    /**
     * A boolean query parameter, read as pydantic does ({@code true/false}, {@code 1/0}, {@code yes/no},
     * {@code on/off}).
     *
     * @throws ApiProblem 422 for anything else
     */
    public boolean booleanQuery(String name, boolean defaultValue) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw new ApiProblem(422, "query parameter '" + name + "' must be a boolean (true or false), got '"
                    + value.get() + "'");
        };
    }

    /** Every value of an integer query parameter; 422 naming the parameter for one that is not an integer. */
    public List<Integer> integerQueryAll(String name) {
        var values = new ArrayList<Integer>();
        for (String value : queryAll(name)) {
            try {
                values.add(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw new ApiProblem(422, "query parameter '" + name + "' must be an integer, got '" + value + "'");
            }
        }
        return values;
    }

    /** A header of the request, or null. */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Answers a value as JSON (a JSON string for a String, {@code null} for null). */
    public void json(int status, Object value) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
        bytes(status, "application/json", bytes);
    }

    public void bytes(int status, String contentType, byte[] bytes) throws IOException {
        responded = true;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Starts a streamed (chunked) answer; the caller writes and flushes, and closes when done. */
    public OutputStream stream(int status, String contentType) throws IOException {
        responded = true;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, 0);
        return exchange.getResponseBody();
    }

    boolean responded() {
        return responded;
    }

    private static List<String[]> parseQuery(String raw) {
        var pairs = new ArrayList<String[]>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            try {
                pairs.add(new String[] {URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)});
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "malformed query parameter '" + part + "': " + e.getMessage());
            }
        }
        return pairs;
    }
}
