package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding of paths, queries and negotiation headers. */
class HsdsRequestTest {

    @Test
    void pathSegmentsArePercentDecodedButPlusStaysAPlus() {
        assertThat(HsdsRequest.segments("/groups/g-h5dict-2F/links/a%20b+c%C3%BC"))
                .containsExactly("groups", "g-h5dict-2F", "links", "a b+cü");
        assertThat(HsdsRequest.segments("/")).isEmpty();
        assertThat(HsdsRequest.segments("/about/")).containsExactly("about");
        assertThat(HsdsRequest.segments("/groups//links")).containsExactly("groups", "", "links");
    }

    @Test
    void malformedEscapesAre400() {
        assertThatThrownBy(() -> HsdsRequest.percentDecode("%ZZ")).isInstanceOf(HsdsException.class)
                .hasMessageContaining("malformed percent escape").extracting(e -> ((HsdsException) e).status())
                .isEqualTo(400);
        assertThatThrownBy(() -> HsdsRequest.percentDecode("ab%4")).isInstanceOf(HsdsException.class);
    }

    @Test
    void queryValuesAreFormDecodedAndTheFirstWins() {
        Map<String, String> q = HsdsRequest.query("select=%5B0%3A10%3A1%2C2%3A3%3A1%5D&domain=%2Flive&select=[1]&flag");
        assertThat(q).containsEntry("select", "[0:10:1,2:3:1]").containsEntry("domain", "/live").containsEntry("flag", "");
    }

    @Test
    void gzipIsAcceptedUnlessRefusedWithQZero() {
        assertThat(HsdsRequest.listsGzip("deflate, gzip")).isTrue();
        assertThat(HsdsRequest.listsGzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(HsdsRequest.listsGzip("GZIP;q=0.5")).isTrue();
        assertThat(HsdsRequest.listsGzip("gzip;q=0")).isFalse();
        assertThat(HsdsRequest.listsGzip("deflate, br")).isFalse();
        assertThat(HsdsRequest.listsGzip("identity")).isFalse();
    }

    @Test
    void aMalformedRequestLineOverARawSocketGetsA400AndTheServerLives() throws IOException {
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, () -> null)) {
            String status;
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("GET /groups/g-h5dict-2F/links/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                status = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            }
            assertThat(status).startsWith("HTTP/1.1 400");
            assertThat(new HsdsTestClient(server.url()).get("/api/v1/status").text()).isEqualTo("true");
        }
    }

    @Test
    void flagsAcceptTheSpellingsClientsUse() {
        HsdsRequest r = new HsdsRequest(List.of(), Map.of("a", "1", "b", "T", "c", "true", "d", "0", "e", "false"),
                false, false);
        assertThat(List.of(r.flag("a"), r.flag("b"), r.flag("c"), r.flag("d"), r.flag("e"), r.flag("missing")))
                .containsExactly(true, true, true, false, false, false);
    }
}
