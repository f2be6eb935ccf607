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
 * gzipped on the fly when accepted, so a large selection never has to fit in memory twice.
 */
final class ResponseBodyStream extends OutputStream {
    static final int GZIP_THRESHOLD = 1000;
    static final int BUFFER_LIMIT = 1 << 20;
    private static final int GZIP_LEVEL = 7;

    private final HttpExchange exchange;
    private final int status;
    private final boolean gzipAccepted;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private OutputStream direct;
    private boolean closed;

    ResponseBodyStream(HttpExchange exchange, int status, boolean gzipAccepted) {
        this.exchange = exchange;
        this.status = status;
        this.gzipAccepted = gzipAccepted;
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
        byte[] body = buffer.toByteArray();
        buffer = null;
        if (gzipAccepted && body.length > GZIP_THRESHOLD) {
            body = gzip(body);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
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

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gz = new LevelledGzipStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    private static final class LevelledGzipStream extends GZIPOutputStream {
        LevelledGzipStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(GZIP_LEVEL);
        }
    }
}
