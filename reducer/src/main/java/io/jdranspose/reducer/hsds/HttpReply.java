package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An endpoint's answer before it is sent: status, content type, the body's length when known beforehand
 * ({@code -1} otherwise) and a body that is written (streamed) only once the server sends it. Metadata bodies are rendered eagerly so that a failure still becomes a
 * proper error status; value bodies stream from an immutable snapshot, where only I/O can fail.
 */
record HttpReply(int status, String contentType, long length, Body body) {
    static final String JSON = "application/json";
    /** Exactly this, with nothing appended: h5pyd compares the header for equality. */
    static final String OCTET_STREAM = "application/octet-stream";

    /** Writes the body; called once. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a JSON document through a generator. */
    @FunctionalInterface
    interface JsonBody {
        void writeTo(JsonGenerator g) throws IOException;
    }

    static HttpReply json(JsonNode node) {
        return json(200, HsdsJson.STRICT, node);
    }

    static HttpReply json(int status, ObjectMapper mapper, JsonNode node) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON answer", e);
        }
        return new HttpReply(status, JSON, -1, out -> out.write(bytes));
    }

    static HttpReply streamedJson(ObjectMapper mapper, JsonBody body) {
        return new HttpReply(200, JSON, -1, out -> {
            JsonGenerator g = mapper.createGenerator(out);
            body.writeTo(g);
            // only on success: closing flushes, and a half-written document must not be flushed
            g.close();
        });
    }

    /** Raw bytes; {@code length} must be exactly what {@code body} writes. */
    static HttpReply binary(long length, Body body) {
        return new HttpReply(200, OCTET_STREAM, length, body);
    }
}
