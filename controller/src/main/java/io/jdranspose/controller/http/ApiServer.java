package io.jdranspose.controller.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's HTTP server: the JDK server on virtual threads, with what every route shares. CORS
 * allows any origin (as upstream's FastAPI app) and the preflight is answered here; with a token, every
 * POST needs {@code Authorization: Bearer <token>} (401 otherwise); errors are FastAPI-style JSON
 * {@code {"detail": "..."}}: {@link ApiProblem}s with their status, a Redis outage 503, anything else 500
 * (and logged, since it is our bug).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer http;
    private final ExecutorService executor;
    private final Router router;
    private final byte[] token;

    private ApiServer(HttpServer http, ExecutorService executor, Router router, String token) {
        this.http = http;
        this.executor = executor;
        this.router = router;
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Binds and serves.
     *
     * @param port  0 picks a free port
     * @param token null: no authentication
     * @throws IOException naming the address when it cannot be bound
     */
    public static ApiServer start(String host, int port, String token, Router router) throws IOException {
        // TCP_NODELAY on every connection: without it the JDK 17/21 server stalls keep-alive answers that go
        // out in two writes for the client's delayed ACK (~45 ms per request). Read when the first server is
        // created, so an explicit -D setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IOException("cannot serve the controller API on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        ApiServer server = new ApiServer(http, executor, router, token);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** e.g. {@code http://127.0.0.1:5000/}; a wildcard bind shows as {@code localhost}. */
    public URI url() {
        InetAddress address = http.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "localhost" : address.getHostAddress();
        if (host.contains(":")) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Stops listening at once; open connections are closed. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        ApiCall call = null;
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", "*");
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                preflight(exchange, path);
                return;
            }
            Router.Match match = router.find(method, path);
            if (method.equals("POST") && token != null && !authorized(exchange)) {
                headers.set("WWW-Authenticate", "Bearer");
                throw new ApiProblem(401, "missing or wrong token");
            }
            call = new ApiCall(exchange, match.parameters());
            match.handler().handle(call);
        } catch (ApiProblem e) {
            LOG.debug("{} {} -> {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.status(), e.getMessage());
            sendError(exchange, call, e.status(), e.getMessage());
        } catch (RedisException e) {
            LOG.warn("{} {}: Redis error: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
            sendError(exchange, call, 503, "Redis is not reachable: " + e.getMessage());
        } catch (IOException e) {
            // nearly always the client hanging up; nothing left to tell it
            LOG.debug("{} {}: I/O error: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(exchange, call, 503, "the controller is shutting down");
        } catch (RuntimeException | Error e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            sendError(exchange, call, 500, "internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        // constant time, so the token cannot be guessed byte by byte from answer times
        return given != null && MessageDigest.isEqual(token, given.trim().getBytes(StandardCharsets.UTF_8));
    }

    private void preflight(HttpExchange exchange, String path) throws IOException {
        var methods = router.methodsFor(path);
        Headers headers = exchange.getResponseHeaders();
        if (methods.isEmpty()) {
            sendError(exchange, null, 404, "Not Found");
            return;
        }
        methods.add("OPTIONS");
        headers.set("Access-Control-Allow-Methods", String.join(", ", methods));
        String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        // echo what the browser asks for: "*" would not cover Authorization
        headers.set("Access-Control-Allow-Headers", requested == null ? "Content-Type, Authorization" : requested);
        headers.set("Access-Control-Max-Age", "600");
        headers.set("Allow", String.join(", ", methods));
        exchange.sendResponseHeaders(200, -1);
    }

    private static void sendError(HttpExchange exchange, ApiCall call, int status, String detail) {
        if (call != null && call.responded()) {
            return; // the answer already started; the connection is closed instead
        }
        try {
            byte[] body = io.jdranspose.runtime.control.ControlJson.write(Map.of("detail", detail == null ? "" : detail));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            // closing the body sends it now; exchange.close() first drains what the client still sends
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send error {} to the client: {}", status, e.toString());
        }
    }
}
