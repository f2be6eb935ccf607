package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metadata endpoints, error statuses and messages, CORS, extra routes and tree replacement. */
class HsdsProtocolTest {
    private final AtomicReference<PublishTree> current = new AtomicReference<>();
    private PublishTree tree;
    private HsdsServer server;
    private HsdsTestClient client;

    @BeforeEach
    void start() throws IOException {
        tree = new PublishTree();
        tree.root().attribute("title", "scan 7");
        tree.group("/entry").attribute("NX_class", "NXentry").attribute("long name", "the entry");
        tree.array("/entry/data", new double[] {1, 2, 3}).attribute("units", "counts")
                .attribute("limits", new double[] {Double.NaN, 1.0});
        tree.group("/entry/a b");
        tree.group("/entry/x+y");
        tree.group("/entry/ü");
        tree.group("/empty");
        current.set(tree);
        server = HsdsServer.start("127.0.0.1", 0, current::get, 100);
        client = new HsdsTestClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String group(String path) {
        return "/groups/" + HsdsIds.groupId(path);
    }

    private static String dataset(String path) {
        return "/datasets/" + HsdsIds.datasetId(path);
    }

    @Test
    void theServerReportsTheActualPortAndUrl() {
        assertThat(server.port()).isPositive();
        assertThat(server.url().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    }

    @Test
    void domainAboutAndStatus() {
        JsonNode domain = client.get("/?domain=/anything&getdnids=1&getobjs=T&include_attrs=T").json();
        assertThat(domain.path("root").asText()).isEqualTo("g-h5dict-2F");
        assertThat(domain.path("class").asText()).isEqualTo("domain");
        assertThat(domain.has("domain_objs")).as("never partial consolidated metadata").isFalse();
        assertThat(domain.path("lastModified").isDouble()).isTrue();

        JsonNode about = client.get("/about").json();
        assertThat(about.path("state").asText()).isEqualTo("READY");
        assertThat(about.path("hsds_version").isTextual()).isTrue();

        HsdsTestClient.Reply status = client.get("/api/v1/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.text()).isEqualTo("true");
    }

    @Test
    void groupCountsAreExactAndMatchTheLists() {
        JsonNode root = client.get(group("/")).json();
        assertThat(root.path("id").asText()).isEqualTo("g-h5dict-2F");
        assertThat(root.path("root").asText()).isEqualTo("g-h5dict-2F");
        assertThat(root.path("linkCount").asInt()).isEqualTo(2);
        assertThat(root.path("attributeCount").asInt()).isEqualTo(1);

        JsonNode entry = client.get(group("/entry")).json();
        assertThat(entry.path("linkCount").asInt()).isEqualTo(4);
        assertThat(entry.path("attributeCount").asInt()).isEqualTo(2);
        JsonNode links = client.get(group("/entry") + "/links").json().path("links");
        List<String> titles = new ArrayList<>();
        links.forEach(l -> titles.add(l.path("title").asText()));
        assertThat(titles).containsExactly("data", "a b", "x+y", "ü");
        assertThat(links.get(0).path("collection").asText()).isEqualTo("datasets");
        assertThat(links.get(0).path("id").asText()).isEqualTo(HsdsIds.datasetId("/entry/data"));
        assertThat(links.get(1).path("collection").asText()).isEqualTo("groups");
        assertThat(links.get(1).path("class").asText()).isEqualTo("H5L_TYPE_HARD");

        JsonNode empty = client.get(group("/empty")).json();
        assertThat(empty.path("linkCount").asInt()).isZero();
        assertThat(client.get(group("/empty") + "/links").json().path("links").size()).isZero();
    }

    @Test
    void includeLinksAndIncludeAttrsEmbedMapsKeyedByName() {
        JsonNode entry = client.get(group("/entry") + "?include_links=1&include_attrs=1").json();
        assertThat(entry.path("links").isObject()).isTrue();
        assertThat(entry.path("links").path("a b").path("id").asText()).isEqualTo(HsdsIds.groupId("/entry/a b"));
        assertThat(entry.path("links").path("data").path("class").asText()).isEqualTo("H5L_TYPE_HARD");
        assertThat(entry.path("links").size()).isEqualTo(entry.path("linkCount").asInt());
        assertThat(entry.path("attributes").path("NX_class").path("value").asText()).isEqualTo("NXentry");
        assertThat(entry.path("attributes").path("NX_class").path("shape").path("class").asText()).isEqualTo("H5S_SCALAR");

        JsonNode data = client.get(dataset("/entry/data") + "?include_attrs=1").lenientJson();
        assertThat(data.path("attributes").path("units").path("value").asText()).isEqualTo("counts");
        assertThat(data.path("attributes").path("limits").path("value").get(0).doubleValue()).isNaN();

        JsonNode plain = client.get(group("/entry")).json();
        assertThat(plain.has("links")).isFalse();
        assertThat(plain.has("attributes")).isFalse();
        assertThat(client.get(group("/entry") + "?getalias=1").json().path("alias").toString()).isEqualTo("[\"/entry\"]");
    }

    @Test
    void linkTitlesAndAttributeNamesArePercentDecoded() {
        assertThat(client.get(group("/entry") + "/links/a%20b").json().path("link").path("title").asText())
                .isEqualTo("a b");
        assertThat(client.get(group("/entry") + "/links/x+y").json().path("link").path("id").asText())
                .isEqualTo(HsdsIds.groupId("/entry/x+y"));
        assertThat(client.get(group("/entry") + "/links/%C3%BC").json().path("link").path("collection").asText())
                .isEqualTo("groups");
        JsonNode attribute = client.get(group("/entry") + "/attributes/long%20name").json();
        assertThat(attribute.path("name").asText()).isEqualTo("long name");
        assertThat(attribute.path("value").asText()).isEqualTo("the entry");
    }

    @Test
    void attributesListWithoutValuesUnlessAskedAndEachWithItsValue() {
        JsonNode list = client.get(dataset("/entry/data") + "/attributes").json().path("attributes");
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).path("name").asText()).isEqualTo("units");
        assertThat(list.get(0).has("value")).isFalse();
        assertThat(list.get(1).path("shape").path("dims").toString()).isEqualTo("[2]");
        assertThat(list.get(1).path("type").path("base").asText()).isEqualTo("H5T_IEEE_F64LE");

        JsonNode withData = client.get(dataset("/entry/data") + "/attributes?IncludeData=1").lenientJson();
        assertThat(withData.path("attributes").get(0).path("value").asText()).isEqualTo("counts");

        HsdsTestClient.Reply limits = client.get(dataset("/entry/data") + "/attributes/limits");
        assertThat(limits.text()).contains("\"value\":[NaN,1.0]");
        assertThat(client.get(group("/") + "/attributes/title").json().path("value").asText()).isEqualTo("scan 7");
    }

    @Test
    void datasetMetadataAndShape() {
        JsonNode d = client.get(dataset("/entry/data")).json();
        assertThat(d.path("id").asText()).isEqualTo(HsdsIds.datasetId("/entry/data"));
        assertThat(d.path("root").asText()).isEqualTo("g-h5dict-2F");
        assertThat(d.path("attributeCount").asInt()).isEqualTo(2);
        assertThat(d.path("creationProperties").path("layout").path("class").asText()).isEqualTo("H5D_CONTIGUOUS");
        JsonNode shape = client.get(dataset("/entry/data") + "/shape").json();
        assertThat(shape.path("shape").toString()).isEqualTo("{\"class\":\"H5S_SIMPLE\",\"dims\":[3]}");
        assertThat(shape.path("lastModified").isNumber()).isTrue();
    }

    @Test
    void lastModifiedMovesOnlyWhenTheDataChange() throws InterruptedException {
        NumericDataset data = (NumericDataset) tree.find("/entry/data");
        double first = client.get(dataset("/entry/data")).json().path("lastModified").doubleValue();
        double created = client.get(dataset("/entry/data")).json().path("created").doubleValue();
        Thread.sleep(5);
        assertThat(client.get(dataset("/entry/data")).json().path("lastModified").doubleValue()).isEqualTo(first);
        assertThat(client.get(dataset("/entry/data") + "/shape").json().path("lastModified").doubleValue())
                .isEqualTo(first);
        data.set(3, 4.0);
        double second = client.get(dataset("/entry/data")).json().path("lastModified").doubleValue();
        assertThat(second).isGreaterThan(first);
        assertThat(client.get(dataset("/entry/data")).json().path("created").doubleValue()).isEqualTo(created);
        assertThat(client.get(dataset("/entry/data")).json().path("shape").path("dims").toString()).isEqualTo("[4]");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /groups/g-h5dict-2F6E6F7065                    | 404 | Group not found: /nope
            /datasets/d-h5dict-2F656E747279                | 404 | Dataset not found: /entry
            /groups/g-h5dict-2F656E7472792F64617461        | 404 | Group not found: /entry/data
            /groups/g-h5dict-2F656E747279/links/nope       | 404 | Link not found: 'nope' in /entry
            /groups/g-h5dict-2F656E747279/attributes/nope  | 404 | Attribute not found: 'nope' on /entry
            /datasets/d-h5dict-2F6E6F7065/value            | 404 | Dataset not found: /nope
            /datatypes/t-h5dict-2F                         | 404 | no such resource: /datatypes/t-h5dict-2F
            /nothing/here                                  | 404 | no such resource: /nothing/here
            /groups/g-h5dict-2F/links/a/b                  | 404 | no such resource
            /datasets/d-h5dict-2F656E7472792F64617461/cats | 404 | no such resource
            /groups/g-h5dict-ZZ                            | 400 | path part is not hex
            /groups/g-h5dict-2F6                           | 400 | path part is not hex
            /groups/x-h5dict-2F                            | 400 | unknown prefix 'x'
            /groups/g-other-2F                             | 400 | expected g-h5dict-<hex>
            /groups/g-h5dict-41                            | 400 | path 'A' is not absolute
            /groups/g-h5dict-2FFF                          | 400 | path is not UTF-8
            /groups/d-h5dict-2F                            | 400 | is not a groups id
            """)
    void errorsHaveTheirStatusAndAMessage(String path, int status, String message) {
        HsdsTestClient.Reply reply = client.get(path);
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("error").asText()).contains(message);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [:,:]          | it has 2 dimension(s) but the dataset has rank 1
            [0:4]          | stop 4 in dimension 0 is beyond the extent 3
            [3]            | index 3 in dimension 0 is out of range for extent 3
            [-1]           | negative index -1
            [0:3:0]        | step 0 in dimension 0 must be at least 1
            [2:1]          | start 2 is after stop 1
            [a]            | index 'a' in dimension 0 is not a non-negative integer
            [1:2           | missing closing ']'
            [[0,3]]        | coordinate 3 in dimension 0 is out of range
            [[]]           | empty coordinate list
            [[0,[1]]]      | nested brackets
            [0:1:1:1]      | more than start:stop:step
            [0,1]          | it has 2 dimension(s) but the dataset has rank 1
            """)
    void badSelectionsAre400WithTheReason(String select, String message) {
        String query = java.net.URLEncoder.encode(select, StandardCharsets.UTF_8);
        HsdsTestClient.Reply reply = client.get(dataset("/entry/data") + "/value?select=" + query);
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).startsWith("invalid select '" + select + "'").contains(message);
    }

    @Test
    void aSelectionOverTheByteLimitIs413() {
        tree.array("/wide", new double[20]);
        HsdsTestClient.Reply all = client.get(dataset("/wide") + "/value", "Accept", "application/octet-stream");
        assertThat(all.status()).isEqualTo(413);
        assertThat(all.json().path("error").asText())
                .isEqualTo("selection of 160 bytes from /wide exceeds the limit of 100 bytes; select a smaller part");
        assertThat(client.get(dataset("/wide") + "/value?select=[0:12]").status()).isEqualTo(200);
        assertThat(client.get(dataset("/wide") + "/value?select=[0:13]").status()).isEqualTo(413);
    }

    @Test
    void vanishedNodesAre404NotErrors() {
        assertThat(client.get(dataset("/entry/data")).status()).isEqualTo(200);
        tree.group("/entry").remove("data");
        assertThat(client.get(dataset("/entry/data")).status()).isEqualTo(404);
        assertThat(client.get(dataset("/entry/data") + "/value").status()).isEqualTo(404);
        assertThat(client.get(group("/entry") + "/links/data").status()).isEqualTo(404);
        assertThat(client.get(group("/entry")).json().path("linkCount").asInt()).isEqualTo(3);
    }

    @Test
    void aReplacedTreeIsServedAtOnceAndNoTreeIsAnEmptyRoot() {
        PublishTree next = new PublishTree();
        next.scalar("/results", 1L);
        current.set(next);
        assertThat(client.get(group("/")).json().path("linkCount").asInt()).isEqualTo(1);
        assertThat(client.get(group("/entry")).status()).isEqualTo(404);
        current.set(null);
        assertThat(client.get(group("/")).json().path("linkCount").asInt()).isZero();
        assertThat(client.get("/").json().path("root").asText()).isEqualTo("g-h5dict-2F");
    }

    @Test
    void everyAnswerCarriesCorsAndPreflightEchoesTheRequestedHeaders() {
        assertThat(client.get(group("/")).header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(client.get(dataset("/entry/data") + "/value", "Accept", "application/octet-stream")
                .header("Access-Control-Allow-Origin")).isEqualTo("*");
        HsdsTestClient.Reply preflight = client.send("OPTIONS", group("/") + "/links", null,
                "Origin", "http://viewer.example", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization, x-custom");
        assertThat(preflight.status()).isBetween(200, 299);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET");
        assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("authorization, x-custom");
    }

    @Test
    void otherMethodsAre405() {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HsdsTestClient.Reply reply = client.send(method, group("/"), "{}");
            assertThat(reply.status()).as(method).isEqualTo(405);
            assertThat(reply.header("Allow")).isEqualTo("GET, OPTIONS");
            assertThat(reply.json().path("error").asText()).contains("read-only");
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
        HsdsTestClient.Reply head = client.send("HEAD", group("/"), null);
        assertThat(head.status()).isEqualTo(405);
        assertThat(client.get(group("/")).status()).isEqualTo(200);
    }

    @Test
    void extraRoutesTakeAnyMethodAndAFailingHandlerIsA500() {
        server.route("/api/v1/parameter/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String name = exchange.getRequestURI().getPath().substring("/api/v1/parameter/".length());
            if (name.equals("boom")) {
                throw new IllegalStateException("boom happened");
            }
            byte[] answer = (exchange.getRequestMethod() + " " + name + "=" + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.route("/api/v1/silent", exchange -> { });

        HsdsTestClient.Reply posted = client.send("POST", "/api/v1/parameter/roi_x0", "12");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.text()).isEqualTo("POST roi_x0=12");
        assertThat(posted.header("Access-Control-Allow-Origin")).isEqualTo("*");

        HsdsTestClient.Reply failed = client.get("/api/v1/parameter/boom");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().path("error").asText()).contains("boom happened");

        HsdsTestClient.Reply silent = client.get("/api/v1/silent");
        assertThat(silent.status()).isEqualTo(500);
        assertThat(silent.json().path("error").asText()).contains("sent no response");

        HsdsTestClient.Reply preflight = client.send("OPTIONS", "/api/v1/parameter/roi_x0", null,
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");

        // the built-in API is untouched and the server survived the failure
        assertThat(client.get("/api/v1/status").text()).isEqualTo("true");
        assertThat(client.get(group("/")).status()).isEqualTo(200);
    }

    @Test
    void aTreeSupplierThatThrowsGives500AndTheServerKeepsServing() {
        boolean[] fail = {true};
        PublishTree good = tree;
        server.close();
        try {
            server = HsdsServer.start("127.0.0.1", 0, () -> {
                if (fail[0]) {
                    throw new IllegalStateException("reducer exploded");
                }
                return good;
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        client = new HsdsTestClient(server.url());
        HsdsTestClient.Reply reply = client.get(group("/"));
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().path("error").asText()).contains("reducer exploded");
        fail[0] = false;
        assertThat(client.get(group("/")).status()).isEqualTo(200);
    }

    @Test
    void aDatasetOfEveryShapeKindIsDescribed() {
        tree.numeric("/stack", DType.UINT16).set(0, new short[][] {{1, 2}, {3, 4}});
        JsonNode d = client.get(dataset("/stack")).json();
        assertThat(d.path("shape").path("dims").toString()).isEqualTo("[1,2,2]");
        assertThat(d.path("type").path("base").asText()).isEqualTo("H5T_STD_U16LE");
    }
}
