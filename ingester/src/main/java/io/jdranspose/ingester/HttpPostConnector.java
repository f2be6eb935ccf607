package io.jdranspose.ingester;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jdranspose.api.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint a scan software posts to (Sardana, dranspose §5.8), bound at {@code http://host:port} for
 * the ingester's whole life. Posts are validated at once (a bad body gets a 422 naming what is wrong) and
 * queued for the running scan; while no scan reads this stream they are answered but dropped and counted.
 * A full queue holds the poster back (up to {@link #QUEUE_WAIT_SECONDS} s, then 503), so nothing accepted
 * is lost.
 */
final class HttpPostConnector implements UpstreamConnector {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPostConnector.class);
    static final int QUEUE_POSTS = 1000;
    static final int QUEUE_WAIT_SECONDS = 10;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stream;
    private final HttpIntake intake;
    private final HttpServer server;
    private final AtomicReference<Source> open = new AtomicReference<>();
    private final AtomicLong droppedOutsideScans = new AtomicLong();

    private HttpPostConnector(String stream, HttpIntake intake, HttpServer server) {
        this.stream = stream;
        this.intake = intake;
        this.server = server;
    }

    /**
     * Binds the endpoint of the configuration's {@code http://host:port} URL.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    static HttpPostConnector bind(IngesterConfig config) {
        if (!(config.protocol() instanceof HttpIntake intake)) {
            throw new IllegalArgumentException("protocol " + config.protocol().streamType() + " takes no HTTP posts");
        }
        URI uri = URI.create(config.upstreamUrl());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(uri.getHost(), uri.getPort()), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("stream " + config.stream() + ": cannot listen at " + config.upstreamUrl()
                    + ": " + e.getMessage(), e);
        }
        HttpPostConnector connector = new HttpPostConnector(config.stream(), intake, server);
        server.createContext("/", connector::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return connector;
    }

    /** The port actually bound (useful when the URL asked for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public UpstreamSource open() {
        Source source = new Source();
        open.set(source);
        return source;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!intake.paths().contains(path)) {
                reply(exchange, 404, problem("no such endpoint: " + path + " (known: " + intake.paths() + ")"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405, problem(path + " takes POST, not " + exchange.getRequestMethod()));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                reply(exchange, 413, problem("body larger than " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            byte[] frame;
            try {
                frame = intake.accept(path, body);
            } catch (ProtocolException e) {
                LOG.warn("stream {}: rejected a post to {}: {}", stream, path, e.getMessage());
                reply(exchange, 422, problem(e.getMessage()));
                return;
            }
            if (frame != null && !enqueue(path, frame)) {
                reply(exchange, 503, problem("stream " + stream + ": the ingester's queue stayed full for "
                        + QUEUE_WAIT_SECONDS + " s; the workers are slower than the posts"));
                return;
            }
            reply(exchange, 200, NULL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean enqueue(String path, byte[] frame) throws InterruptedException {
        Source source = open.get();
        if (source == null || source.closed) {
            long n = droppedOutsideScans.incrementAndGet();
            if (n <= 10 || n % 1000 == 0) {
                LOG.warn("stream {}: a post to {} arrived while no scan reads this stream; dropped ({} so far)",
                        stream, path, n);
            }
            return true;
        }
        return source.queue.offer(List.of(frame), QUEUE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static byte[] problem(String detail) {
        try {
            return JSON.writeValueAsBytes(Map.of("detail", detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of one string always serialises
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** One scan's view of the posts: what arrived since the scan began. */
    private final class Source implements UpstreamSource {
        final BlockingQueue<List<byte[]>> queue = new ArrayBlockingQueue<>(QUEUE_POSTS);
        volatile boolean closed;

        @Override
        public List<byte[]> receive(boolean wait) {
            if (!wait) {
                return queue.poll();
            }
            try {
                return queue.poll(ZmqUpstream.RECEIVE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void close() {
            closed = true;
            open.compareAndSet(this, null);
            queue.clear();
        }
    }
}
