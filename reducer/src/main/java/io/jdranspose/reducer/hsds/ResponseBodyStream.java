package io.jdranspose.reducer.hsds;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The body of one response. It holds back the status line until it knows enough: a body that ends within
 * {@link #BUFFER_LIMIT} is sent with an exact {@code Content-Length} (gzipped when the client accepts gzip
 * and it is over {@link #GZIP_THRESHOLD} bytes, as dranspose does); a longer one is streamed chunked, and
 * gzipped on the fly when accepted, so a large selection never has to fit in memory twice. A body whose
 * length is known beforehand (binary values) and that is not gzipped goes straight to the socket with its
 * {@code Content-Length}, skipping the buffer: that is what makes a 4 MB image cheap to send.
 */
final class ResponseBodyStream extends OutputStream {
    static final int GZIP_THRESHOLD = 1000;
    static final int BUFFER_LIMIT = 1 << 20;
    private static final int GZIP_LEVEL = 7;

    private final HttpExchange exchange;
    private final int status;
    private final boolean gzipAccepted;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private OutputStream direct;
    private boolean closed;

    ResponseBodyStream(HttpExchange exchange, int status, boolean gzipAccepted) {
        this.exchange = exchange;
        this.status = status;
        this.gzipAccepted = gzipAccepted;
    }

    /**
     * A body of exactly {@code knownLength} bytes ({@code -1} when unknown). Known and not gzipped, the
     * status line is sent at once, so the body must not fail for reasons other than I/O.
     */
    ResponseBodyStream(HttpExchange exchange, int status, boolean gzipAccepted, long knownLength) throws IOException {
        this(exchange, status, gzipAccepted);
        if (knownLength >= 0 && !(gzipAccepted && knownLength > GZIP_THRESHOLD)) {
            exchange.sendResponseHeaders(status, knownLength == 0 ? -1 : knownLength);
            direct = exchange.getResponseBody();
            buffer = null;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (direct != null) {
            direct.write(b, off, len);
            return;
        }
        buffer.write(b, off, len);
        if (buffer.size() > BUFFER_LIMIT) {
            startStreaming();
        }
    }

    @Override
    public void flush() {
        // nothing: flushing early would force the chunked path on small bodies
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (direct != null) {
            direct.close();
            return;
        }
        ByteArrayOutputStream body = buffer;
        buffer = null;
        if (gzipAccepted && body.size() > GZIP_THRESHOLD) {
            body = gzip(body);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out); // no copy of the buffer, unlike toByteArray()
        }
    }

    private void startStreaming() throws IOException {
        if (gzipAccepted) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(status, 0);
        OutputStream raw = exchange.getResponseBody();
        direct = gzipAccepted ? new LevelledGzipStream(raw) : raw;
        buffer.writeTo(direct);
        buffer = null;
    }

    private static ByteArrayOutputStream gzip(ByteArrayOutputStream body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.size() / 4));
        try (GZIPOutputStream gz = new LevelledGzipStream(out)) {
            body.writeTo(gz);
        }
        return out;
    }

    private static final class LevelledGzipStream extends GZIPOutputStream {
        LevelledGzipStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(GZIP_LEVEL);
        }
    }
}
