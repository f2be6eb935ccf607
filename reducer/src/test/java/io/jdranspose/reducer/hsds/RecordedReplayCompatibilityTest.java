package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Serves the tree upstream's replay published and replays every request upstream answered (listed in
 * {@code hsds-index.json}) against our server: JSON answers must match apart from timestamps and key
 * order, binary answers byte for byte.
 */
class RecordedReplayCompatibilityTest {
    /** Fields we add that upstream lacks; hsds-api.md §3 lists {@code root} in dataset JSON as missing upstream. */
    private static final Set<String> ALLOWED_EXTRA_FIELDS = Set.of("root");

    private static HsdsServer server;
    private static HsdsTestClient client;

    @BeforeAll
    static void start() throws IOException {
        PublishTree tree = RecordedReplay.tree();
        server = HsdsServer.start("127.0.0.1", 0, () -> tree);
        client = new HsdsTestClient(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Recorded(String file, String path, String accept, int status, String contentType) {
        @Override
        public String toString() {
            return file + " (" + path + ", Accept " + accept + ")";
        }
    }

    static Stream<Recorded> recorded() {
        JsonNode index = RecordedReplay.readJson(RecordedReplay.dir().resolve("hsds-index.json"));
        List<Recorded> out = new ArrayList<>();
        for (JsonNode r : index.path("requests")) {
            out.add(new Recorded(r.path("file").asText(), r.path("path").asText(), r.path("request_accept").asText(),
                    r.path("status").asInt(), r.path("content_type").asText()));
        }
        assertThat(out).hasSize(15);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void answersLikeUpstream(Recorded rec) throws IOException {
        byte[] upstream = Files.readAllBytes(RecordedReplay.dir().resolve(rec.file()));
        HsdsTestClient.Reply reply = client.get(rec.path(), "Accept", rec.accept());

        assertThat(reply.status()).as(rec.path()).isEqualTo(rec.status());
        if (rec.contentType().equals("application/octet-stream") && rec.accept().equals("application/octet-stream")) {
            assertThat(reply.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(reply.decoded()).as(rec.path()).isEqualTo(upstream);
        } else if (rec.contentType().equals("application/octet-stream")) {
            // upstream ignored Accept: application/json for arrays; we answer JSON with the same numbers
            assertThat(reply.header("Content-Type")).isEqualTo("application/json");
            List<Long> values = new ArrayList<>();
            reply.json().path("value").forEach(v -> values.add(v.longValue()));
            assertThat(values).isEqualTo(int64s(upstream));
        } else {
            assertThat(reply.header("Content-Type")).isEqualTo("application/json");
            assertSubsetIgnoringTimestamps(rec.file(), RecordedReplay.readJson(RecordedReplay.dir().resolve(rec.file())),
                    reply.json());
        }
    }

    @Test
    void binaryValuesMatchTheIndependentlyComputedSums() {
        JsonNode replay = RecordedReplay.readJson(RecordedReplay.dir().resolve("expected.json")).path("replay");
        byte[] eiger = client.get("/datasets/" + HsdsIds.datasetId("/eiger/sum") + "/value",
                "Accept", "application/octet-stream").decoded();
        byte[] orca = client.get("/datasets/" + HsdsIds.datasetId("/orca/sum") + "/value",
                "Accept", "application/octet-stream").decoded();
        assertThat(java.util.HexFormat.of().formatHex(eiger)).isEqualTo(replay.path("eiger_sum_value_hex_le_int64").asText());
        assertThat(java.util.HexFormat.of().formatHex(orca)).isEqualTo(replay.path("orca_sum_value_hex_le_float64").asText());
    }

    @Test
    void idsAreUpstreamsHexOfThePath() {
        assertThat(HsdsIds.groupId("/eiger")).isEqualTo("g-h5dict-2F6569676572");
        assertThat(HsdsIds.datasetId("/eiger/sum")).isEqualTo("d-h5dict-2F65696765722F73756D");
        assertThat(HsdsIds.groupId("/")).isEqualTo(HsdsIds.ROOT_GROUP_ID).isEqualTo("g-h5dict-2F");
    }

    private static List<Long> int64s(byte[] littleEndian) {
        List<Long> a = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            a.add(b.getLong());
        }
        return a;
    }

    /**
     * Every field upstream sent (timestamps aside) must be there with an equal value; arrays must match
     * element by element (link order is publish order); extra fields only from {@link #ALLOWED_EXTRA_FIELDS}.
     */
    private static void assertSubsetIgnoringTimestamps(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(where + " is an object: " + actual).isTrue();
            Set<String> seen = new HashSet<>();
            for (var e : expected.properties()) {
                String name = e.getKey();
                seen.add(name);
                assertThat(actual.has(name)).as(where + "." + name + " present in " + actual).isTrue();
                if (name.equals("created") || name.equals("lastModified")) {
                    assertThat(actual.get(name).isNumber()).as(where + "." + name + " is a number").isTrue();
                    continue;
                }
                assertSubsetIgnoringTimestamps(where + "." + name, e.getValue(), actual.get(name));
            }
            for (var e : ((ObjectNode) actual).properties()) {
                if (!seen.contains(e.getKey())) {
                    assertThat(ALLOWED_EXTRA_FIELDS).as(where + ": unexpected field " + e.getKey()).contains(e.getKey());
                }
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as(where + " is an array").isTrue();
            assertThat(actual.size()).as(where + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSubsetIgnoringTimestamps(where + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }
}
