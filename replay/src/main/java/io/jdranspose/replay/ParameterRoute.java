package io.jdranspose.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET/POST /api/v1/parameter/{name}} on the replay's HTTP server, as dranspose's replay offers:
 * GET answers the raw bytes, POST replaces the value while the replay runs (typed and validated when
 * the plugin declares the parameter; a bad value answers 400 naming the parameter).
 */
public final class ParameterRoute implements HttpHandler {
    /** Where the route is mounted. */
    public static final String PREFIX = "/api/v1/parameter/";
    private static final int MAX_BODY = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Replay replay;

    public ParameterRoute(Replay replay) {
        this.replay = replay;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String name = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(PREFIX.length()),
                StandardCharsets.UTF_8);
        if (name.isEmpty() || name.contains("/")) {
            send(exchange, 404, "application/json", "{\"detail\":\"Parameter not found\"}");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                byte[] value = replay.parameters().raw(name);
                if (value == null) {
                    send(exchange, 404, "application/json", "{\"detail\":\"Parameter not found\"}");
                } else {
                    send(exchange, 200, "application/x.bytes", value);
                }
            }
            case "POST" -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(MAX_BODY + 1);
                }
                if (body.length > MAX_BODY) {
                    send(exchange, 413, "application/json", "{\"detail\":\"parameter value larger than 64 MiB\"}");
                    return;
                }
                try {
                    replay.setParameter(name, body);
                    send(exchange, 200, "application/json", "\"\"");
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, "application/json", detail(e.getMessage()));
                }
            }
            default -> {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                send(exchange, 405, "application/json", "{\"detail\":\"use GET or POST\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String detail(String message) {
        return JSON.createObjectNode().put("detail", message).toString();
    }
}
