package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /datasets/{id}/value}: every select form, every element type, JSON and binary, gzip. */
class HsdsValueTest {
    private static final String BINARY = "application/octet-stream";
    private static final PublishTree TREE = new PublishTree();
    private static HsdsServer server;
    private static HsdsTestClient client;

    @BeforeAll
    static void start() throws IOException {
        int[] line = new int[10];
        for (int i = 0; i < line.length; i++) {
            line[i] = i;
        }
        TREE.array("/line", line);
        int[][] image = new int[4][5];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 5; c++) {
                image[r][c] = 10 * r + c;
            }
        }
        TREE.array("/image", image);
        int[][][] stack = new int[3][4][5];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 5; k++) {
                    stack[i][j][k] = 100 * i + 10 * j + k;
                }
            }
        }
        TREE.array("/stack", stack);

        TREE.numeric("/types/bool", DType.BOOL).replace(new byte[] {1, 0, 1}, 3);
        TREE.numeric("/types/int8", DType.INT8).replace(new byte[] {-128, 0, 127}, 3);
        TREE.numeric("/types/uint8", DType.UINT8).replace(new byte[] {0, 1, (byte) 255}, 3);
        TREE.numeric("/types/int16", DType.INT16).replace(new short[] {-32768, 0, 32767}, 3);
        TREE.numeric("/types/uint16", DType.UINT16).replace(new short[] {0, 1, (short) 65535}, 3);
        TREE.numeric("/types/int32", DType.INT32).replace(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3);
        TREE.numeric("/types/uint32", DType.UINT32).replace(new int[] {0, 1, -1}, 3);
        TREE.numeric("/types/int64", DType.INT64).replace(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, 3);
        TREE.numeric("/types/uint64", DType.UINT64).replace(new long[] {0, 1, -1}, 3);
        TREE.numeric("/types/float32", DType.FLOAT32).replace(new float[] {-1.5f, 0.25f, 3e38f}, 3);
        TREE.numeric("/types/float64", DType.FLOAT64).replace(new double[] {-1.5, 0.1, 1e300}, 3);
        TREE.numeric("/nonfinite", DType.FLOAT64).replace(new double[] {Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1.5}, 4);
        TREE.scalar("/scalar/int", 13L);
        TREE.scalar("/scalar/float", 2.5);
        TREE.scalar("/scalar/bool", true);
        TREE.scalar("/scalar/string", "héllo \"world\"");
        TREE.strings("/strings").replace(List.of("a", "bé", "", "d"));
        TREE.numeric("/empty", DType.FLOAT64);
        double[] big = new double[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5;
        }
        TREE.array("/big", big);
        double[] huge = new double[300_000];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = i;
        }
        TREE.array("/huge", huge);
        server = HsdsServer.start("127.0.0.1", 0, () -> TREE);
        client = new HsdsTestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String value(String path) {
        return "/datasets/" + HsdsIds.datasetId(path) + "/value";
    }

    private static String select(String path, String select) {
        return value(path) + "?select=" + URLEncoder.encode(select, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /line  | [:]                | [0,1,2,3,4,5,6,7,8,9]
            /line  | [2:5]              | [2,3,4]
            /line  | [2:9:3]            | [2,5,8]
            /line  | [0:10:4]           | [0,4,8]
            /line  | [:3]               | [0,1,2]
            /line  | [7:]               | [7,8,9]
            /line  | [::4]              | [0,4,8]
            /line  | [3:7:]             | [3,4,5,6]
            /line  | [4]                | [4]
            /line  | [9]                | [9]
            /line  | [[1,3,8]]          | [1,3,8]
            /line  | [[8,1,1]]          | [8,1,1]
            /line  | ' [ 1 : 4 ] '      | [1,2,3]
            /line  | 0:2                | [0,1]
            /line  | [5:5]              | []
            /image | [0:4:1,2:3:1]      | [[2],[12],[22],[32]]
            /image | [1,:]              | [[10,11,12,13,14]]
            /image | [:,4]              | [[4],[14],[24],[34]]
            /image | [::2,1:5:2]        | [[1,3],[21,23]]
            /image | [[0,3],[1,4]]      | [[1,4],[31,34]]
            /image | [1:3,[0,2]]        | [[10,12],[20,22]]
            /image | [3,4]              | [[34]]
            /stack | [0,:,:]            | [[[0,1,2,3,4],[10,11,12,13,14],[20,21,22,23,24],[30,31,32,33,34]]]
            /stack | [0:3:2,1,1:4:2]    | [[[11,13]],[[211,213]]]
            /stack | [2,[0,3],4]        | [[[204],[234]]]
            /stack | [1:2,2:4,[0,4]]    | [[[120,124],[130,134]]]
            """)
    void selectsAsHsdsDoes(String path, String select, String expectedJson) throws IOException {
        HsdsTestClient.Reply json = client.get(select(path, select));
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(json.header("Content-Type")).isEqualTo("application/json");
        assertThat(json.text()).isEqualTo("{\"value\":" + expectedJson + "}");

        HsdsTestClient.Reply binary = client.get(select(path, select), "Accept", BINARY);
        assertThat(binary.status()).isEqualTo(200);
        assertThat(binary.header("Content-Type")).isEqualTo(BINARY);
        assertThat(binary.decoded()).isEqualTo(int32LittleEndian(new ObjectMapper().readTree(expectedJson)));
    }

    @Test
    void aWholeReadWithoutSelectKeepsTheFullShape() {
        assertThat(client.get(value("/image")).text())
                .isEqualTo("{\"value\":[[0,1,2,3,4],[10,11,12,13,14],[20,21,22,23,24],[30,31,32,33,34]]}");
    }

    @Test
    void theSelectMayArriveFullyPercentEncoded() {
        // what h5pyd sends for line[0:10:1]
        assertThat(client.get(value("/line") + "?select=%5B0%3A10%3A3%5D&nonstrict=1&domain=%2Flive").text())
                .isEqualTo("{\"value\":[0,3,6,9]}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bool    | {"class":"H5T_ENUM","base":{"class":"H5T_INTEGER","base":"H5T_STD_I8LE"},"mapping":{"FALSE":0,"TRUE":1}} | [true,false,true]                                          | 010001
            int8    | {"class":"H5T_INTEGER","base":"H5T_STD_I8LE"}   | [-128,0,127]                                                   | 80007f
            uint8   | {"class":"H5T_INTEGER","base":"H5T_STD_U8LE"}   | [0,1,255]                                                      | 0001ff
            int16   | {"class":"H5T_INTEGER","base":"H5T_STD_I16LE"}  | [-32768,0,32767]                                               | 00800000ff7f
            uint16  | {"class":"H5T_INTEGER","base":"H5T_STD_U16LE"}  | [0,1,65535]                                                    | 00000100ffff
            int32   | {"class":"H5T_INTEGER","base":"H5T_STD_I32LE"}  | [-2147483648,0,2147483647]                                     | 0000008000000000ffffff7f
            uint32  | {"class":"H5T_INTEGER","base":"H5T_STD_U32LE"}  | [0,1,4294967295]                                               | 0000000001000000ffffffff
            int64   | {"class":"H5T_INTEGER","base":"H5T_STD_I64LE"}  | [-9223372036854775808,0,9223372036854775807]                   | 00000000000000800000000000000000ffffffffffffff7f
            uint64  | {"class":"H5T_INTEGER","base":"H5T_STD_U64LE"}  | [0,1,18446744073709551615]                                     | 00000000000000000100000000000000ffffffffffffffff
            float32 | {"class":"H5T_FLOAT","base":"H5T_IEEE_F32LE"}   | [-1.5,0.25,3.0E38]                                             | 0000c0bf0000803ee6b1617f
            float64 | {"class":"H5T_FLOAT","base":"H5T_IEEE_F64LE"}   | [-1.5,0.1,1.0E300]                                             | 000000000000f8bf9a9999999999b93f9c7500883ce4377e
            """)
    void everyElementTypeHasItsTypeJsonValuesAndBytes(String name, String typeJson, String valueJson, String hex)
            throws IOException {
        String id = HsdsIds.datasetId("/types/" + name);
        JsonNode dataset = client.get("/datasets/" + id).json();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(dataset.path("type")).isEqualTo(mapper.readTree(typeJson));
        assertThat(dataset.path("shape")).isEqualTo(mapper.readTree("{\"class\":\"H5S_SIMPLE\",\"dims\":[3]}"));
        assertThat(client.get("/datasets/" + id + "/type").json().path("type")).isEqualTo(mapper.readTree(typeJson));
        assertThat(client.get(value("/types/" + name)).text()).isEqualTo("{\"value\":" + valueJson + "}");
        assertThat(client.get(value("/types/" + name), "Accept", BINARY).decoded())
                .isEqualTo(java.util.HexFormat.of().parseHex(hex));
    }

    @Test
    void nonFiniteFloatsAreBareTokensInValueAnswersOnly() {
        HsdsTestClient.Reply reply = client.get(value("/nonfinite"));
        assertThat(reply.text()).isEqualTo("{\"value\":[NaN,Infinity,-Infinity,1.5]}");
        assertThat(reply.lenientJson().path("value").get(0).doubleValue()).isNaN();
        // the metadata of the same dataset stays strict JSON
        client.get("/datasets/" + HsdsIds.datasetId("/nonfinite")).json();
    }

    @Test
    void scalarsAnswerTheBareValue() {
        assertThat(client.get(value("/scalar/int")).text()).isEqualTo("{\"value\":13}");
        assertThat(client.get(value("/scalar/float")).text()).isEqualTo("{\"value\":2.5}");
        assertThat(client.get(value("/scalar/bool")).text()).isEqualTo("{\"value\":true}");
        assertThat(client.get(value("/scalar/string")).json().path("value").asText()).isEqualTo("héllo \"world\"");
        assertThat(client.get(value("/scalar/int"), "Accept", BINARY).decoded())
                .isEqualTo(java.util.HexFormat.of().parseHex("0d00000000000000"));
        assertThat(client.get(value("/scalar/int") + "?select=%5B%5D").text()).isEqualTo("{\"value\":13}");
        JsonNode meta = client.get("/datasets/" + HsdsIds.datasetId("/scalar/int")).json();
        assertThat(meta.path("shape").toString()).isEqualTo("{\"class\":\"H5S_SCALAR\"}");
    }

    @Test
    void stringsAreVariableLengthUtf8AndAlwaysJson() {
        JsonNode meta = client.get("/datasets/" + HsdsIds.datasetId("/strings")).json();
        assertThat(meta.path("type").toString()).isEqualTo(
                "{\"class\":\"H5T_STRING\",\"charSet\":\"H5T_CSET_UTF8\",\"length\":\"H5T_VARIABLE\",\"strPad\":\"H5T_STR_NULLTERM\"}");
        assertThat(meta.path("shape").path("dims").toString()).isEqualTo("[4]");
        assertThat(client.get(value("/strings")).text()).isEqualTo("{\"value\":[\"a\",\"bé\",\"\",\"d\"]}");
        // h5pyd asks for binary and accepts a JSON answer, which upstream also gives for string lists
        HsdsTestClient.Reply asBinary = client.get(select("/strings", "[1:4:2]"), "Accept", BINARY);
        assertThat(asBinary.header("Content-Type")).isEqualTo("application/json");
        assertThat(asBinary.text()).isEqualTo("{\"value\":[\"bé\",\"d\"]}");
    }

    @Test
    void anEmptyDatasetHasAZeroDimensionAndAnEmptyValue() {
        JsonNode meta = client.get("/datasets/" + HsdsIds.datasetId("/empty")).json();
        assertThat(meta.path("shape").path("dims").toString()).isEqualTo("[0]");
        assertThat(client.get(value("/empty")).text()).isEqualTo("{\"value\":[]}");
        HsdsTestClient.Reply binary = client.get(value("/empty"), "Accept", BINARY);
        assertThat(binary.status()).isEqualTo(200);
        assertThat(binary.body()).isEmpty();
    }

    @Test
    void onlyAnExactOctetStreamAcceptGetsBinary() {
        for (String accept : List.of("*/*", "application/json", "application/octet-stream, */*",
                "application/octet-stream;q=0.9")) {
            assertThat(client.get(value("/line"), "Accept", accept).header("Content-Type")).as(accept)
                    .isEqualTo("application/json");
        }
        assertThat(client.get(value("/line")).header("Content-Type")).isEqualTo("application/json");
        assertThat(client.get(value("/line"), "Accept", BINARY).header("Content-Type")).isEqualTo(BINARY);
    }

    @Test
    void gzipOnlyWhenAcceptedAndTheBodyIsOver1000Bytes() {
        byte[] expected = float64LittleEndian(1000, i -> i * 0.5);

        HsdsTestClient.Reply plain = client.get(value("/big"), "Accept", BINARY);
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.header("Content-Length")).isEqualTo("8000");
        assertThat(plain.body()).isEqualTo(expected);

        HsdsTestClient.Reply gzipped = client.get(value("/big"), "Accept", BINARY, "Accept-Encoding", "deflate, gzip");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.body().length).isLessThan(8000);
        assertThat(gzipped.decoded()).isEqualTo(expected);

        HsdsTestClient.Reply refused = client.get(value("/big"), "Accept", BINARY, "Accept-Encoding", "gzip;q=0");
        assertThat(refused.header("Content-Encoding")).isNull();

        HsdsTestClient.Reply small = client.get(value("/line"), "Accept", BINARY, "Accept-Encoding", "gzip");
        assertThat(small.header("Content-Encoding")).isNull();
        assertThat(small.body()).hasSize(40);

        HsdsTestClient.Reply json = client.get(value("/big"), "Accept-Encoding", "gzip, deflate, br, zstd");
        assertThat(json.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(json.lenientJson().path("value").size()).isEqualTo(1000);
    }

    @Test
    void answersOverTheBufferLimitStreamWithAndWithoutGzip() {
        byte[] expected = float64LittleEndian(300_000, i -> i);
        HsdsTestClient.Reply plain = client.get(value("/huge"), "Accept", BINARY);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.body()).isEqualTo(expected);

        HsdsTestClient.Reply gzipped = client.get(value("/huge"), "Accept", BINARY, "Accept-Encoding", "gzip");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.decoded()).isEqualTo(expected);

        JsonNode json = client.get(value("/huge"), "Accept-Encoding", "gzip").lenientJson().path("value");
        assertThat(json.size()).isEqualTo(300_000);
        assertThat(json.get(299_999).doubleValue()).isEqualTo(299_999.0);
    }

    private static byte[] int32LittleEndian(JsonNode nested) {
        List<Integer> flat = new ArrayList<>();
        flatten(nested, flat);
        ByteBuffer b = ByteBuffer.allocate(flat.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        flat.forEach(b::putInt);
        return b.array();
    }

    private static void flatten(JsonNode n, List<Integer> out) {
        if (n.isArray()) {
            n.forEach(e -> flatten(e, out));
        } else {
            out.add(n.intValue());
        }
    }

    private static byte[] float64LittleEndian(int n, java.util.function.IntToDoubleFunction f) {
        ByteBuffer b = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putDouble(f.applyAsDouble(i));
        }
        return b.array();
    }
}
