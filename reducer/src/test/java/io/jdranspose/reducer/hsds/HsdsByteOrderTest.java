package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Big-endian datasets: a {@code …BE} type, big-endian binary answers, and the same JSON values as little endian. */
class HsdsByteOrderTest {
    private static final String BINARY = "application/octet-stream";
    private static final PublishTree TREE = new PublishTree();
    private static HsdsServer server;
    private static HsdsTestClient client;

    @BeforeAll
    static void start() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            String dir = order == ByteOrder.BIG_ENDIAN ? "/be/" : "/le/";
            TREE.numeric(dir + "bool", DType.BOOL, order).replace(new byte[] {1, 0, 1}, 3);
            TREE.numeric(dir + "int8", DType.INT8, order).replace(new byte[] {-128, 0, 127}, 3);
            TREE.numeric(dir + "uint8", DType.UINT8, order).replace(new byte[] {0, 1, (byte) 255}, 3);
            TREE.numeric(dir + "int16", DType.INT16, order).replace(new short[] {-32768, 0, 32767}, 3);
            TREE.numeric(dir + "uint16", DType.UINT16, order).replace(new short[] {0, 1, (short) 65535}, 3);
            TREE.numeric(dir + "int32", DType.INT32, order).replace(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3);
            TREE.numeric(dir + "uint32", DType.UINT32, order).replace(new int[] {0, 1, -1}, 3);
            TREE.numeric(dir + "int64", DType.INT64, order).replace(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, 3);
            TREE.numeric(dir + "uint64", DType.UINT64, order).replace(new long[] {0, 1, -1}, 3);
            TREE.numeric(dir + "float32", DType.FLOAT32, order).replace(new float[] {-1.5f, 0.25f, 3e38f}, 3);
            TREE.numeric(dir + "float64", DType.FLOAT64, order).replace(new double[] {-1.5, 0.1, 1e300}, 3);
        }
        TREE.numeric("/be/image", DType.INT16, ByteOrder.BIG_ENDIAN).replace(new short[] {1, 2, 3, 4, 5, 6}, 3, 2);
        TREE.numeric("/be/scalar", DType.UINT32, ByteOrder.BIG_ENDIAN).set(0x01020304L);
        server = HsdsServer.start("127.0.0.1", 0, () -> TREE);
        client = new HsdsTestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String dataset(String path) {
        return "/datasets/" + HsdsIds.datasetId(path);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bool    | H5T_STD_I8     | 010001                                           | 010001
            int8    | H5T_STD_I8     | 80007f                                           | 80007f
            uint8   | H5T_STD_U8     | 0001ff                                           | 0001ff
            int16   | H5T_STD_I16    | 00800000ff7f                                     | 800000007fff
            uint16  | H5T_STD_U16    | 00000100ffff                                     | 00000001ffff
            int32   | H5T_STD_I32    | 0000008000000000ffffff7f                         | 80000000000000007fffffff
            uint32  | H5T_STD_U32    | 0000000001000000ffffffff                         | 0000000000000001ffffffff
            int64   | H5T_STD_I64    | 00000000000000800000000000000000ffffffffffffff7f | 800000000000000000000000000000007fffffffffffffff
            uint64  | H5T_STD_U64    | 00000000000000000100000000000000ffffffffffffffff | 00000000000000000000000000000001ffffffffffffffff
            float32 | H5T_IEEE_F32   | 0000c0bf0000803ee6b1617f                         | bfc000003e8000007f61b1e6
            float64 | H5T_IEEE_F64   | 000000000000f8bf9a9999999999b93f9c7500883ce4377e | bff80000000000003fb999999999999a7e37e43c8800759c
            """)
    void everyWidthIsByteExactInBothOrders(String name, String base, String littleHex, String bigHex) {
        JsonNode le = client.get(dataset("/le/" + name)).json().path("type");
        JsonNode be = client.get(dataset("/be/" + name)).json().path("type");
        JsonNode leBase = name.equals("bool") ? le.path("base").path("base") : le.path("base");
        JsonNode beBase = name.equals("bool") ? be.path("base").path("base") : be.path("base");
        assertThat(leBase.asText()).isEqualTo(base + "LE");
        assertThat(beBase.asText()).isEqualTo(base + "BE");
        assertThat(client.get("/datasets/" + HsdsIds.datasetId("/be/" + name) + "/type").json().path("type"))
                .isEqualTo(be);

        assertThat(client.get(dataset("/le/" + name) + "/value", "Accept", BINARY).decoded())
                .isEqualTo(HexFormat.of().parseHex(littleHex));
        assertThat(client.get(dataset("/be/" + name) + "/value", "Accept", BINARY).decoded())
                .isEqualTo(HexFormat.of().parseHex(bigHex));
        // JSON values do not depend on the byte order
        assertThat(client.get(dataset("/be/" + name) + "/value").text())
                .isEqualTo(client.get(dataset("/le/" + name) + "/value").text());
    }

    @Test
    void selectionsAndScalarsAreBigEndianToo() {
        String column = dataset("/be/image") + "/value?select=" + URLEncoder.encode("[0:3:2,1]", StandardCharsets.UTF_8);
        assertThat(client.get(column, "Accept", BINARY).decoded()).isEqualTo(HexFormat.of().parseHex("00020006"));
        assertThat(client.get(column).text()).isEqualTo("{\"value\":[[2],[6]]}");
        String row = dataset("/be/image") + "/value?select=" + URLEncoder.encode("[1,:]", StandardCharsets.UTF_8);
        assertThat(client.get(row, "Accept", BINARY).decoded()).isEqualTo(HexFormat.of().parseHex("00030004"));
        assertThat(client.get(dataset("/be/scalar") + "/value", "Accept", BINARY).decoded())
                .isEqualTo(HexFormat.of().parseHex("01020304"));
    }
}
