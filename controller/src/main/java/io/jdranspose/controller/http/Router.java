package io.jdranspose.controller.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps method and path to a handler. Templates are literal segments and {@code {name}} segments, each of
 * which matches one non-empty segment (URL-decoded). A trailing slash is ignored, as clients of upstream
 * post to {@code /api/v1/sequence/} too.
 */
public final class Router {

    /** What a route does; it answers through the call. */
    @FunctionalInterface
    public interface Handler {
        void handle(ApiCall call) throws IOException, InterruptedException;
    }

    /** A method and a path template, e.g. {@code GET /api/v1/parameter/{name}}. */
    public record Route(String method, String template) {
    }

    private record Entry(Route route, String[] segments, Handler handler) {
    }

    /** A matched route and the values of its {@code {name}} segments. */
    record Match(Route route, Handler handler, Map<String, String> parameters) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    public Router add(String method, String template, Handler handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route template must start with '/', got '" + template + "'");
        }
        entries.add(new Entry(new Route(method, template), segments(template), handler));
        return this;
    }

    /** Every route, in the order added (the OpenAPI document is checked against this). */
    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /**
     * @throws ApiProblem 404 when no template matches the path, 405 when one does but not for this method
     */
    Match find(String method, String rawPath) {
        String[] path = segments(rawPath);
        var allowed = new TreeSet<String>();
        for (Entry entry : entries) {
            Map<String, String> parameters = match(entry.segments, path);
            if (parameters == null) {
                continue;
            }
            if (entry.route.method().equals(method)) {
                return new Match(entry.route, entry.handler, parameters);
            }
            allowed.add(entry.route.method());
        }
        if (allowed.isEmpty()) {
            throw new ApiProblem(404, "Not Found");
        }
        throw new ApiProblem(405, "Method Not Allowed");
    }

    /** Methods served on a path (for the CORS preflight); empty when none. */
    List<String> methodsFor(String rawPath) {
        String[] path = segments(rawPath);
        var methods = new TreeSet<String>();
        for (Entry entry : entries) {
            if (match(entry.segments, path) != null) {
                methods.add(entry.route.method());
            }
        }
        return new ArrayList<>(methods);
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> parameters = null;
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (parameters == null) {
                    parameters = new HashMap<>();
                }
                try {
                    // '+' is a plus in a path, not a space
                    parameters.put(t.substring(1, t.length() - 1), URLDecoder.decode(path[i].replace("+", "%2B"),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new ApiProblem(400, "malformed path segment '" + path[i] + "': " + e.getMessage());
                }
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return parameters == null ? Map.of() : parameters;
    }

    private static String[] segments(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.equals("/") || trimmed.isEmpty()) {
            return new String[0];
        }
        return trimmed.substring(1).split("/", -1);
    }
}
