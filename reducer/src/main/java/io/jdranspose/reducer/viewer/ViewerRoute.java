package io.jdranspose.reducer.viewer;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serves the h5web viewer at {@code /viewer/} next to the HSDS API, from the {@code viewer/} resources
 * the Maven build made with npm. Same origin as the API, so the page needs no CORS and no API address:
 *
 * <pre>{@code
 * server.route(ViewerRoute.PREFIX, new ViewerRoute());   // http://host:port/viewer/?path=/entry/image
 * }</pre>
 *
 * <p>{@code /viewer} redirects to {@code /viewer/} (the page loads its assets relative to that), which
 * serves {@code index.html}; a build without npm serves a page explaining how to get the viewer instead.
 * Read-only: GET and HEAD.
 */
public final class ViewerRoute implements HttpHandler {
    /** The path the route is meant to be registered under. */
    public static final String PREFIX = "/viewer";

    private static final String INDEX = "index.html";

    private final ViewerFiles files;

    /** Serves the viewer from the class path resources {@code viewer/}. */
    public ViewerRoute() {
        this(ViewerRoute.class.getClassLoader(), "viewer/");
    }

    ViewerRoute(ClassLoader loader, String resourceFolder) {
        this.files = new ViewerFiles(loader, resourceFolder);
    }

    /** Whether this build has the viewer (npm was present when it was built). */
    public boolean built() {
        return files.built();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            sendText(exchange, 405, "method " + method + " is not allowed on the viewer");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals(PREFIX)) {
            redirectToFolder(exchange);
            return;
        }
        if (!path.startsWith(PREFIX + "/")) {
            sendText(exchange, 404, "not found: " + path);
            return;
        }
        String relative = path.substring(PREFIX.length() + 1);
        if (relative.isEmpty()) {
            relative = INDEX;
        }
        if (relative.equals(INDEX) && !files.built()) {
            send(exchange, 200, "text/html; charset=utf-8", "no-cache",
                    ViewerNotBuiltPage.html(apiUrl(exchange)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ViewerFiles.ViewerFile file = files.find(relative);
        if (file == null) {
            sendText(exchange, 404, "not found: " + path);
            return;
        }
        send(exchange, 200, file.contentType(), cacheControl(relative), file.read());
    }

    // vite puts a content hash into every asset name, so those never change; index.html names the
    // current ones and must be asked for again each time
    private static String cacheControl(String relative) {
        return relative.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    }

    // the page's relative asset URLs only resolve under the folder, so /viewer must become /viewer/
    private static void redirectToFolder(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        exchange.getResponseHeaders().set("Location", PREFIX + "/" + (query == null ? "" : "?" + query));
        sendText(exchange, 301, "the viewer is at " + PREFIX + "/");
    }

    private static String apiUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return "http://" + host + "/";
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", "no-cache", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String cacheControl, byte[] body)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", cacheControl);
        headers.set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Long.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        // a length of 0 would mean "chunked" to HttpServer; -1 is its "no body"
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
