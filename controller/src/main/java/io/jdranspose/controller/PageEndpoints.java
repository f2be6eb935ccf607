package io.jdranspose.controller;

import io.jdranspose.controller.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The status page at {@code /} and the OpenAPI document, both served from the jar. */
final class PageEndpoints {
    static final String STATUS_PAGE = "/io/jdranspose/controller/http/status.html";
    static final String OPENAPI = "/io/jdranspose/controller/http/openapi.json";

    private final byte[] statusPage = resource(STATUS_PAGE);
    private final byte[] openApi = resource(OPENAPI);

    void register(Router router) {
        router.add("GET", "/", call -> call.bytes(200, "text/html; charset=utf-8", statusPage))
                .add("GET", "/api/v1/openapi.json", call -> call.bytes(200, "application/json", openApi));
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageEndpoints.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
