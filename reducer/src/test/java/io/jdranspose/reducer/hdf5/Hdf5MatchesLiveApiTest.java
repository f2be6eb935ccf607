package io.jdranspose.reducer.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.Field;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.reducer.hsds.HsdsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file {@link Hdf5Writer} writes holds what the live HSDS API serves: the same groups, datasets, shapes,
 * values and attributes, checked by walking the API over HTTP and reading the file with h5dump. The only
 * differences are the documented jhdf limits: big-endian types are stored little endian, compound datasets
 * become a group with one dataset per field, strings are fixed-length and booleans an 8-bit bitfield.
 */
class Hdf5MatchesLiveApiTest {
    record Peak(double x, float height, long n, boolean ok, String label) {
    }

    static PublishTree richTree() {
        PublishTree tree = new PublishTree();
        tree.root().attribute("title", "scan 7").attribute("version", 3);
        tree.group("/entry").attribute("NX_class", "NXentry");
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            String dir = "/entry/types/" + (order == ByteOrder.BIG_ENDIAN ? "be" : "le") + "/";
            tree.numeric(dir + "bool", DType.BOOL, order).replace(new byte[] {1, 0, 1}, 3);
            tree.numeric(dir + "int8", DType.INT8, order).replace(new byte[] {-128, 0, 127}, 3);
            tree.numeric(dir + "uint8", DType.UINT8, order).replace(new byte[] {0, 1, (byte) 255}, 3);
            tree.numeric(dir + "int16", DType.INT16, order).replace(new short[] {-32768, 0, 32767}, 3);
            tree.numeric(dir + "uint16", DType.UINT16, order).replace(new short[] {0, 1, (short) 65535}, 3);
            tree.numeric(dir + "int32", DType.INT32, order).replace(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3);
            tree.numeric(dir + "uint32", DType.UINT32, order).replace(new int[] {0, 1, -1}, 3);
            tree.numeric(dir + "int64", DType.INT64, order).replace(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, 3);
            tree.numeric(dir + "uint64", DType.UINT64, order).replace(new long[] {0, 1, -1}, 3);
            tree.numeric(dir + "float32", DType.FLOAT32, order).replace(new float[] {-1.5f, 0.1f, 3e38f}, 3);
            tree.numeric(dir + "float64", DType.FLOAT64, order).replace(new double[] {-1.5, 0.1, 1e300}, 3);
        }
        tree.array("/entry/image", new int[][] {{1, 2, 3}, {4, 5, 6}})
                .attribute("units", "counts")
                .attribute("limits", new double[] {0.5, 2.5})
                .attribute("count", NumericValue.of(DType.UINT64, new long[] {-1}))
                .attribute("flag", true)
                .attribute("long name", "an image");
        tree.numeric("/entry/stack", DType.UINT16, ByteOrder.BIG_ENDIAN)
                .replace(new short[] {1, 2, 3, 4, 5, 6, 7, (short) 60000}, 2, 2, 2);
        tree.numeric("/entry/trend", DType.FLOAT64).set(0, 0.5).set(2, Math.PI).attribute("units", "s");
        tree.array("/entry/nonfinite", new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
        tree.scalar("/entry/scalars/int", 13L);
        tree.scalar("/entry/scalars/float", 2.5);
        tree.scalar("/entry/scalars/bool", true);
        tree.scalar("/entry/scalars/string", "hello");
        tree.scalar("/entry/scalars/unicode", "héllo ✓");
        tree.strings("/entry/names").replace(List.of("a", "bcd", ""));
        tree.compound("/entry/peaks", List.of(Field.of("x", DType.FLOAT64), Field.of("height", DType.FLOAT32),
                        Field.of("n", DType.UINT64), Field.of("ok", DType.BOOL), Field.string("label", 4)))
                .append(new Peak(1.5, 2.25f, -1L, true, "ab"))
                .append(new Peak(-3.0, 1e30f, 7, false, "long"))
                .attribute("NX_class", "NXcollection");
        tree.group("/entry/emptygroup");
        return tree;
    }

    @Test
    void h5dumpOfAWrittenFileShowsWhatTheLiveApiServes(@TempDir Path dir) throws IOException {
        PublishTree tree = richTree();
        Path file = dir.resolve("scan.h5");
        List<String> notes = Hdf5Writer.write(tree, file);
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, () -> tree)) {
            assertFileMatchesApi(file, new LiveApi(server.url()).walk());
        }
        assertThat(notes).hasSize(13).anyMatch(n -> n.contains("/entry/peaks") && n.contains("one dataset per field"))
                .anyMatch(n -> n.contains("/entry/stack stored little endian"));
    }

    @Test
    void h5dumpOfADownloadShowsWhatTheLiveApiServes(@TempDir Path dir) throws Exception {
        PublishTree tree = richTree();
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, () -> tree)) {
            server.route(Hdf5DownloadRoute.PATH, new Hdf5DownloadRoute(() -> tree));
            HttpResponse<Path> download = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.url().resolve("/api/v1/hdf5")).build(),
                    HttpResponse.BodyHandlers.ofFile(dir.resolve("results.h5")));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("application/x-hdf5");
            assertThat(download.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"results.h5\"");
            assertThat(download.headers().firstValue(Hdf5DownloadRoute.NOTES_HEADER)).hasValue("13");
            assertFileMatchesApi(download.body(), new LiveApi(server.url()).walk());
        }
    }

    private static void assertFileMatchesApi(Path file, List<LiveApi.ApiObject> objects) {
        assertThat(objects).hasSizeGreaterThan(30);
        assertSameObjects(file, objects);
        for (LiveApi.ApiObject o : objects) {
            if (!o.group() && o.type().path("class").asText().equals("H5T_COMPOUND")) {
                assertCompoundIsAGroupOfFields(file, o);
            } else if (!o.group()) {
                assertSameItem(H5Dump.exactDataset(file, o.path()), o.path(), o.type(), o.shape(), o.value());
            }
            for (Map.Entry<String, LiveApi.Attribute> a : o.attributes().entrySet()) {
                String path = (o.path().equals("/") ? "" : o.path()) + "/" + a.getKey();
                LiveApi.Attribute attribute = a.getValue();
                assertSameItem(H5Dump.exactAttribute(file, path), "attribute " + path, attribute.type(),
                        attribute.shape(), attribute.value());
            }
        }
    }

    /** Every API group is a file group and every dataset a file dataset (a compound one a group of fields). */
    private static void assertSameObjects(Path file, List<LiveApi.ApiObject> objects) {
        List<String> expected = new ArrayList<>();
        for (LiveApi.ApiObject o : objects) {
            if (o.group()) {
                expected.add("group " + o.path());
            } else if (o.type().path("class").asText().equals("H5T_COMPOUND")) {
                expected.add("group " + o.path());
                o.type().path("fields").forEach(f -> expected.add("dataset " + o.path() + "/" + f.path("name").asText()));
            } else {
                expected.add("dataset " + o.path());
            }
        }
        assertThat(H5Dump.contents(file)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void assertCompoundIsAGroupOfFields(Path file, LiveApi.ApiObject o) {
        JsonNode fields = o.type().path("fields");
        for (int f = 0; f < fields.size(); f++) {
            List<JsonNode> column = new ArrayList<>();
            for (JsonNode record : o.value()) {
                column.add(record.get(f));
            }
            String path = o.path() + "/" + fields.get(f).path("name").asText();
            assertSameItem(H5Dump.exactDataset(file, path), path, fields.get(f).path("type"), o.shape(),
                    new com.fasterxml.jackson.databind.node.ArrayNode(
                            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance, column));
        }
    }

    private static void assertSameItem(H5Dump.Item item, String what, JsonNode type, JsonNode shape, JsonNode value) {
        assertThat(item.datatype()).as(what + " type").satisfies(t -> assertSameType(t, type));
        assertThat(item.dataspace()).as(what + " shape").isEqualTo(dataspace(shape));
        List<JsonNode> values = new ArrayList<>();
        flatten(value, values);
        assertThat(item.data()).as(what + " values").hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertSameValue(what + "[" + i + "]", type, values.get(i), item.data().get(i));
        }
    }

    /** The h5dump type of an API type, given jhdf's limits (little endian only, bitfield bools, fixed strings). */
    private static void assertSameType(String h5type, JsonNode type) {
        switch (type.path("class").asText()) {
            case "H5T_INTEGER", "H5T_FLOAT" -> assertThat(h5type).isEqualTo(type.path("base").asText().replace("BE", "LE"));
            case "H5T_ENUM" -> assertThat(h5type).isEqualTo("H5T_STD_B8LE");
            case "H5T_STRING" -> assertThat(h5type).startsWith("H5T_STRING {");
            default -> throw new AssertionError("unexpected type " + type);
        }
    }

    private static String dataspace(JsonNode shape) {
        if (shape.path("class").asText().equals("H5S_SCALAR")) {
            return "SCALAR";
        }
        List<String> dims = new ArrayList<>();
        shape.path("dims").forEach(d -> dims.add(d.asText()));
        String joined = String.join(", ", dims);
        return "SIMPLE { ( " + joined + " ) / ( " + joined + " ) }";
    }

    private static void assertSameValue(String what, JsonNode type, JsonNode api, String h5) {
        switch (type.path("class").asText()) {
            case "H5T_ENUM" -> assertThat(h5).as(what).isEqualTo(api.booleanValue() ? "0x01" : "0x00");
            case "H5T_INTEGER" -> assertThat(new BigDecimal(h5)).as(what).isEqualTo(new BigDecimal(api.asText()));
            case "H5T_FLOAT" -> {
                double fromFile = h5double(h5);
                double fromApi = api.isTextual() ? Double.parseDouble(api.asText()) : api.doubleValue();
                if (type.path("base").asText().startsWith("H5T_IEEE_F32")) {
                    // boxed: Float.equals, unlike ==, holds for NaN
                    assertThat(Float.valueOf((float) fromFile)).as(what).isEqualTo(Float.valueOf((float) fromApi));
                } else {
                    assertThat(Double.valueOf(fromFile)).as(what).isEqualTo(Double.valueOf(fromApi));
                }
            }
            case "H5T_STRING" -> assertThat(h5String(h5)).as(what).isEqualTo(api.asText());
            default -> throw new AssertionError("unexpected type " + type);
        }
    }

    private static double h5double(String h5) {
        return switch (h5) {
            case "nan", "-nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(h5);
        };
    }

    /**
     * h5dump prints each byte of a non-ASCII character as an octal escape of the sign-extended byte
     * ({@code \37777777703} for 0xC3); the test strings never have a digit right after such a character.
     */
    private static String h5String(String h5) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < h5.length()) {
            char c = h5.charAt(i);
            int end = i + 1;
            while (c == '\\' && end < h5.length() && end - i <= 11 && h5.charAt(end) >= '0' && h5.charAt(end) <= '7') {
                end++;
            }
            if (end > i + 1) {
                bytes.write((int) (Long.parseLong(h5.substring(i + 1, end), 8) & 0xff));
            } else {
                bytes.write(c);
            }
            i = end;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void flatten(JsonNode value, List<JsonNode> out) {
        if (value.isArray()) {
            value.forEach(v -> flatten(v, out));
        } else {
            out.add(value);
        }
    }
}
