package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the live publish tree read-only over the HSDS REST API subset that h5pyd, silx and h5web use
 * (see {@code reference/hsds-api.md}), at the URL root, so that {@code http://host:port/} pasted into
 * silx or h5pyd just works. Ids are dranspose's ({@link HsdsIds}), values answer JSON unless the client
 * asks for exactly {@code application/octet-stream}, every answer carries CORS headers, and each answer
 * is built from one snapshot of the node it describes.
 *
 * <pre>{@code
 * AtomicReference<PublishTree> current = new AtomicReference<>(new PublishTree());
 * try (HsdsServer server = HsdsServer.start("0.0.0.0", 5000, current::get)) {
 *     server.route("/api/v1/parameter/", exchange -> ...);   // extra endpoints of the reducer
 *     log.info("results at {}", server.url());
 * }
 * }</pre>
 *
 * <p>Requests run on virtual threads. A failing handler never takes the server down: client errors
 * answer 400/404/405/413 with a JSON {@code {"error", "status"}} body, anything unexpected answers 500
 * and is logged.
 */
public final class HsdsServer implements AutoCloseable {
    /** Default cap on the bytes one {@code /value} request may select (HSDS's {@code max_request_size}). */
    public static final long DEFAULT_MAX_SELECTION_BYTES = 512L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HsdsServer.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // TCP_NODELAY on every connection. Without it, an answer the server writes in more than one piece (a
        // JSON value over its buffer, a binary image) waits for the client's delayed ACK: about 40 ms more
        // per request (measured 47 ms against 4.7 ms per poll). This is the JDK server's documented switch;
        // it is read once, when the first HttpServer is created, so an explicit -D setting wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private record Route(String prefix, HttpHandler handler) {
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final HsdsEndpoints endpoints;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private HsdsServer(HttpServer http, ExecutorService executor, HsdsEndpoints endpoints) {
        this.http = http;
        this.executor = executor;
        this.endpoints = endpoints;
    }

    /** Starts a server with the default selection limit; see {@link #start(String, int, Supplier, long)}. */
    public static HsdsServer start(String host, int port, Supplier<PublishTree> trees) throws IOException {
        return start(host, port, trees, DEFAULT_MAX_SELECTION_BYTES);
    }

    /**
     * Binds and starts serving.
     *
     * @param host              address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port              TCP port; 0 picks a free one (see {@link #port()})
     * @param trees             called on every request for the tree to serve; the reducer swaps in a new
     *                          tree at each scan. {@code null} serves an empty root.
     * @param maxSelectionBytes {@code /value} requests selecting more bytes answer 413
     * @throws IOException naming the address when it cannot be bound
     */
    public static HsdsServer start(String host, int port, Supplier<PublishTree> trees, long maxSelectionBytes)
            throws IOException {
        if (maxSelectionBytes <= 0) {
            throw new IllegalArgumentException("maxSelectionBytes must be positive, got " + maxSelectionBytes);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IOException("cannot bind the HSDS server to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        HsdsServer server = new HsdsServer(http, executor, new HsdsEndpoints(trees, maxSelectionBytes));
        http.createContext("/", server::handle);
        http.start();
        log.info("HSDS API listening on {}", server.url());
        return server;
    }

    /** The port actually bound (useful after asking for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:5000/}; a wildcard bind is shown as {@code localhost}. */
    public URI url() {
        InetAddress a = http.getAddress().getAddress();
        String host = a.isAnyLocalAddress() ? "localhost" : a.getHostAddress();
        if (host.contains(":")) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * Adds an endpoint outside the HSDS API, e.g. {@code route("/api/v1/parameter/", handler)}. Requests
     * whose raw path starts with {@code pathPrefix} go to {@code handler} with any method (the longest
     * matching prefix wins, and registered routes win over the built-in ones). The server has already
     * added the CORS headers, answers the OPTIONS preflight itself, turns an exception into a 500, and
     * closes the exchange afterwards. May be called before or after requests start arriving.
     */
    public HsdsServer route(String pathPrefix, HttpHandler handler) {
        if (pathPrefix == null || !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("route prefix must start with '/', got '" + pathPrefix + "'");
        }
        synchronized (routes) {
            routes.removeIf(r -> r.prefix.equals(pathPrefix));
            routes.add(new Route(pathPrefix, handler));
            routes.sort(Comparator.comparingInt((Route r) -> r.prefix.length()).reversed());
        }
        return this;
    }

    /** Stops listening at once; requests in flight are cut off. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        log.info("HSDS API on port {} stopped", port());
    }

    private void handle(HttpExchange exchange) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Expose-Headers", "Content-Encoding, Content-Length, Content-Type");
            Route route = routeFor(exchange.getRequestURI().getRawPath());
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                preflight(exchange, route != null);
            } else if (route != null) {
                delegate(exchange, route);
            } else if (method.equals("HEAD")) {
                // a HEAD answer may carry no body, not even the error document
                headers.set("Allow", "GET, OPTIONS");
                exchange.sendResponseHeaders(405, -1);
            } else if (!method.equals("GET")) {
                headers.set("Allow", "GET, OPTIONS");
                sendError(exchange, 405, "method " + method + " is not allowed; this API is read-only (GET)");
            } else {
                HsdsRequest request = HsdsRequest.of(exchange);
                send(exchange, endpoints.answer(request), request.gzipAccepted());
            }
        } catch (HsdsException e) {
            log.debug("{} {} -> {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.status(), e.getMessage());
            sendErrorIfPossible(exchange, e.status(), e.getMessage());
        } catch (IOException e) {
            // almost always the client hanging up mid-answer; nothing left to tell it
            log.debug("{} {}: I/O error while answering: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    e.toString());
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            sendErrorIfPossible(exchange, 500, "internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private Route routeFor(String rawPath) {
        for (Route r : routes) {
            if (rawPath.startsWith(r.prefix)) {
                return r;
            }
        }
        return null;
    }

    private static void preflight(HttpExchange exchange, boolean customRoute) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Methods", customRoute ? "GET, POST, PUT, DELETE, OPTIONS" : "GET, OPTIONS");
        String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        if (requested != null && !requested.isBlank()) {
            headers.set("Access-Control-Allow-Headers", requested);
        }
        headers.set("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
    }

    private static void delegate(HttpExchange exchange, Route route) throws IOException {
        try {
            route.handler.handle(exchange);
        } catch (IOException e) {
            if (committed(exchange)) {
                throw e;
            }
            // an I/O failure before anything was sent is the handler's own (a file, a socket), not the client's
            throw new IllegalStateException("the handler for " + route.prefix + " failed: " + e, e);
        }
        if (!committed(exchange)) {
            throw new IllegalStateException("the handler for " + route.prefix + " sent no response");
        }
    }

    private static void send(HttpExchange exchange, HttpReply reply, boolean gzipAccepted) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set("Vary", "Accept-Encoding");
        ResponseBodyStream body = new ResponseBodyStream(exchange, reply.status(), gzipAccepted, reply.length());
        // not try-with-resources: closing commits the status, and a body that failed while still buffered
        // must become an error answer instead. A failure after streaming started can only cut the answer
        // short, but bodies stream from immutable snapshots, so that takes a broken connection.
        reply.body().writeTo(body);
        body.close();
    }

    private static void sendErrorIfPossible(HttpExchange exchange, int status, String message) {
        if (committed(exchange)) {
            return;
        }
        try {
            sendError(exchange, status, message);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot send the {} answer: {}", status, e.toString());
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode json = JSON.objectNode();
        json.put("error", message == null ? "error" : message);
        json.put("status", status);
        exchange.getResponseHeaders().remove("Content-Encoding");
        send(exchange, HttpReply.json(status, HsdsJson.STRICT, json), false);
    }

    private static boolean committed(HttpExchange exchange) {
        return exchange.getResponseCode() != -1;
    }
}
