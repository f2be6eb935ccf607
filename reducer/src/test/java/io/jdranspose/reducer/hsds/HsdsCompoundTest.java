package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.Field;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compound datasets: {@code H5T_COMPOUND} type JSON, each record a list in JSON, packed fields in binary. */
class HsdsCompoundTest {
    private static final String BINARY = "application/octet-stream";
    private static final PublishTree TREE = new PublishTree();
    private static HsdsServer server;
    private static HsdsTestClient client;

    @BeforeAll
    static void start() throws IOException {
        TREE.compound("/peaks", List.of(Field.of("x", DType.FLOAT64), Field.of("height", DType.FLOAT32),
                        Field.of("n", DType.UINT64), Field.of("ok", DType.BOOL), Field.string("label", 4)))
                .append(1.5, 2.0f, -1L, true, "ab")
                .append(-3.0, Float.NaN, 7, false, "long")
                .append(0.25, 1e30f, 0, true, "")
                .attribute("units", "mm");
        server = HsdsServer.start("127.0.0.1", 0, () -> TREE);
        client = new HsdsTestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String dataset() {
        return "/datasets/" + HsdsIds.datasetId("/peaks");
    }

    @Test
    void theTypeListsTheFieldsInOrder() throws IOException {
        JsonNode meta = client.get(dataset()).json();
        assertThat(meta.path("type")).isEqualTo(new ObjectMapper().readTree("""
                {"class":"H5T_COMPOUND","fields":[
                  {"name":"x","type":{"class":"H5T_FLOAT","base":"H5T_IEEE_F64LE"}},
                  {"name":"height","type":{"class":"H5T_FLOAT","base":"H5T_IEEE_F32LE"}},
                  {"name":"n","type":{"class":"H5T_INTEGER","base":"H5T_STD_U64LE"}},
                  {"name":"ok","type":{"class":"H5T_ENUM","base":{"class":"H5T_INTEGER","base":"H5T_STD_I8LE"},
                                       "mapping":{"FALSE":0,"TRUE":1}}},
                  {"name":"label","type":{"class":"H5T_STRING","charSet":"H5T_CSET_ASCII","length":4,
                                          "strPad":"H5T_STR_NULLPAD"}}]}"""));
        assertThat(meta.path("shape").path("dims").toString()).isEqualTo("[3]");
        assertThat(meta.path("attributeCount").asInt()).isEqualTo(1);
    }

    @Test
    void jsonValuesAreOneListPerRecord() {
        assertThat(client.get(dataset() + "/value").text()).isEqualTo("{\"value\":["
                + "[1.5,2.0,18446744073709551615,true,\"ab\"],"
                + "[-3.0,NaN,7,false,\"long\"],"
                + "[0.25,1.0E30,0,true,\"\"]]}");
        String select = dataset() + "/value?select=" + URLEncoder.encode("[1:3]", StandardCharsets.UTF_8);
        assertThat(client.get(select).lenientJson().path("value").get(0).get(4).asText()).isEqualTo("long");
    }

    @Test
    void binaryValuesAreThePackedFieldsWithoutPadding() {
        ByteBuffer expected = ByteBuffer.allocate(2 * 25).order(ByteOrder.LITTLE_ENDIAN);
        expected.putDouble(1.5).putFloat(2.0f).putLong(-1L).put((byte) 1).put(new byte[] {'a', 'b', 0, 0});
        expected.putDouble(0.25).putFloat(1e30f).putLong(0).put((byte) 1).put(new byte[4]);
        String select = dataset() + "/value?select=" + URLEncoder.encode("[0:3:2]", StandardCharsets.UTF_8);
        HsdsTestClient.Reply reply = client.get(select, "Accept", BINARY);
        assertThat(reply.header("Content-Type")).isEqualTo(BINARY);
        assertThat(reply.decoded()).isEqualTo(expected.array());
    }
}
