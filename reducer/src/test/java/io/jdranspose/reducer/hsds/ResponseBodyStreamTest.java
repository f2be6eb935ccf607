package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status line is held back while the body is small, so a failure while rendering can still become
 * an error answer; large bodies stream.
 */
class ResponseBodyStreamTest {
    private HttpServer http;
    private HsdsTestClient client;
    private final ConcurrentLinkedQueue<String> observed = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getQuery());
            boolean gzip = HsdsRequest.listsGzip(String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
            boolean known = exchange.getRequestURI().getPath().equals("/known");
            ResponseBodyStream body = known ? new ResponseBodyStream(exchange, 200, gzip, size)
                    : new ResponseBodyStream(exchange, 200, gzip);
            byte[] chunk = new byte[size];
            Arrays.fill(chunk, (byte) 'x');
            body.write(chunk);
            observed.add(size + (exchange.getResponseCode() == -1 ? " held" : " sent"));
            body.close();
            exchange.close();
        });
        http.start();
        client = new HsdsTestClient(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    void smallBodiesAreHeldBackAndSentWithTheirLength() {
        HsdsTestClient.Reply reply = client.get("/?5000", "Accept-Encoding", "gzip");
        assertThat(observed).containsExactly("5000 held");
        assertThat(reply.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(reply.header("Content-Length")).isEqualTo(String.valueOf(reply.body().length));
        assertThat(reply.decoded()).hasSize(5000);
    }

    @Test
    void bodiesOverTheLimitStartStreaming() {
        int size = ResponseBodyStream.BUFFER_LIMIT + 1;
        HsdsTestClient.Reply reply = client.get("/?" + size);
        assertThat(observed).containsExactly(size + " sent");
        assertThat(reply.header("Content-Length")).isNull();
        assertThat(reply.header("Content-Encoding")).isNull();
        assertThat(reply.body()).hasSize(size);
    }

    @Test
    void aBodyOfKnownLengthGoesStraightOutWithItsLengthUnlessGzipped() {
        int size = ResponseBodyStream.BUFFER_LIMIT * 3;
        HsdsTestClient.Reply reply = client.get("/known?" + size);
        assertThat(observed).containsExactly(size + " sent");
        assertThat(reply.header("Content-Length")).isEqualTo(String.valueOf(size));
        assertThat(reply.body()).hasSize(size);

        HsdsTestClient.Reply gzipped = client.get("/known?" + size, "Accept-Encoding", "gzip");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.decoded()).hasSize(size);

        assertThat(client.get("/known?0").body()).isEmpty();
    }

    @Test
    void anEmptyBodyHasNoContent() {
        HsdsTestClient.Reply reply = client.get("/?0");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }
}
