package io.jdranspose.reducer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jdranspose.api.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/parameter/{name}} on the reducer's HTTP server: the raw value the reducer currently
 * uses (as the controller's endpoint answers, {@code application/x.bytes}; 404 {@code {"detail":"Parameter
 * not found"}}). Read-only: in the distributed pipeline values are set on the controller, so other methods
 * answer 405 saying so.
 */
final class ParameterReadRoute implements HttpHandler {
    static final String PREFIX = "/api/v1/parameter/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Parameters> parameters;

    ParameterReadRoute(Supplier<Parameters> parameters) {
        this.parameters = parameters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String name = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(PREFIX.length()),
                StandardCharsets.UTF_8);
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET, OPTIONS");
            send(exchange, 405, "application/json", detail("the reducer only reads parameters; set them on the"
                    + " controller: POST /api/v1/parameter/" + name));
            return;
        }
        byte[] value = name.isEmpty() || name.contains("/") ? null : parameters.get().raw(name);
        if (value == null) {
            send(exchange, 404, "application/json", detail("Parameter not found"));
        } else {
            send(exchange, 200, "application/x.bytes", value);
        }
    }

    private static byte[] detail(String message) {
        return JSON.createObjectNode().put("detail", message).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
