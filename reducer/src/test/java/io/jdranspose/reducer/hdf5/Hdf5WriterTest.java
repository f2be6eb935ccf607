package io.jdranspose.reducer.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.publish.PublishTree;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files written from a publish tree, checked with h5dump (the HDF5 reference tools) and read back with jhdf. */
class Hdf5WriterTest {
    @TempDir
    static Path shared;
    private static Path file;
    private static List<String> skipped;

    @BeforeAll
    static void writeTreeWithEveryKindOfObject() throws IOException {
        PublishTree tree = new PublishTree();
        tree.root().attribute("title", "scan 7").attribute("empty", new int[0]);
        tree.group("/entry").attribute("NX_class", "NXentry");
        tree.numeric("/entry/types/bool", DType.BOOL).replace(new byte[] {1, 0, 1}, 3);
        tree.numeric("/entry/types/int8", DType.INT8).replace(new byte[] {-128, 0, 127}, 3);
        tree.numeric("/entry/types/uint8", DType.UINT8).replace(new byte[] {0, 1, (byte) 255}, 3);
        tree.numeric("/entry/types/int16", DType.INT16).replace(new short[] {-32768, 0, 32767}, 3);
        tree.numeric("/entry/types/uint16", DType.UINT16).replace(new short[] {0, 1, (short) 65535}, 3);
        tree.numeric("/entry/types/int32", DType.INT32).replace(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3);
        tree.numeric("/entry/types/uint32", DType.UINT32).replace(new int[] {0, 1, -1}, 3);
        tree.numeric("/entry/types/int64", DType.INT64).replace(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, 3);
        tree.numeric("/entry/types/uint64", DType.UINT64).replace(new long[] {0, 1, -1}, 3);
        tree.numeric("/entry/types/float32", DType.FLOAT32).replace(new float[] {-1.5f, 0.25f, 1024f}, 3);
        tree.numeric("/entry/types/float64", DType.FLOAT64).replace(new double[] {-1.5, 0.125, 1e300}, 3);
        tree.array("/entry/image", new int[][] {{1, 2, 3}, {4, 5, 6}})
                .attribute("units", "counts")
                .attribute("limits", new double[] {0.5, 2.5})
                .attribute("count", io.jdranspose.api.publish.NumericValue.of(DType.UINT64, new long[] {-1}))
                .attribute("flag", true);
        tree.numeric("/entry/stack", DType.UINT16).replace(new short[] {1, 2, 3, 4, 5, 6, 7, (short) 60000}, 2, 2, 2);
        tree.scalar("/entry/scalars/int", 13L);
        tree.scalar("/entry/scalars/float", 2.5);
        tree.scalar("/entry/scalars/bool", true);
        tree.scalar("/entry/scalars/string", "hello");
        tree.scalar("/entry/scalars/unicode", "héllo ✓");
        tree.numeric("/entry/scalars/uint8", DType.UINT8).set(255L);
        tree.strings("/entry/names").replace(List.of("a", "bcd", ""));
        tree.array("/entry/nonfinite", new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        tree.numeric("/entry/empty", DType.FLOAT64);
        tree.strings("/entry/nothing");
        tree.group("/entry/emptygroup");
        file = shared.resolve("out").resolve("scan7.h5");
        skipped = Hdf5Writer.write(tree, file);
    }

    @Test
    void theFileHoldsEveryGroupAndDatasetButTheEmptyOnes() {
        assertThat(H5Dump.contents(file)).contains("group /", "group /entry", "group /entry/types",
                "group /entry/scalars", "group /entry/emptygroup", "dataset /entry/image", "dataset /entry/stack",
                "dataset /entry/names", "dataset /entry/types/uint64", "dataset /entry/scalars/unicode")
                .doesNotContain("dataset /entry/empty", "dataset /entry/nothing");
        assertThat(skipped).hasSize(3);
        assertThat(String.join("\n", skipped)).contains("dataset /entry/empty skipped", "dataset /entry/nothing skipped",
                "attribute 'empty' of / skipped");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bool    | H5T_STD_B8LE   | 0x01 0x00 0x01
            int8    | H5T_STD_I8LE   | -128 0 127
            uint8   | H5T_STD_U8LE   | 0 1 255
            int16   | H5T_STD_I16LE  | -32768 0 32767
            uint16  | H5T_STD_U16LE  | 0 1 65535
            int32   | H5T_STD_I32LE  | -2147483648 0 2147483647
            uint32  | H5T_STD_U32LE  | 0 1 4294967295
            int64   | H5T_STD_I64LE  | -9223372036854775808 0 9223372036854775807
            uint64  | H5T_STD_U64LE  | 0 1 18446744073709551615
            float32 | H5T_IEEE_F32LE | -1.5 0.25 1024
            float64 | H5T_IEEE_F64LE | -1.5 0.125 1e+300
            """)
    void everyElementTypeIsStoredWithItsHdf5Type(String name, String h5type, String values) {
        H5Dump.Item item = H5Dump.dataset(file, "/entry/types/" + name);
        assertThat(item.datatype()).isEqualTo(h5type);
        assertThat(item.dataspace()).isEqualTo("SIMPLE { ( 3 ) / ( 3 ) }");
        assertThat(item.data()).containsExactly(values.split(" "));
    }

    @Test
    void multiDimensionalArraysKeepShapeAndCOrder() {
        H5Dump.Item image = H5Dump.dataset(file, "/entry/image");
        assertThat(image.datatype()).isEqualTo("H5T_STD_I32LE");
        assertThat(image.dataspace()).isEqualTo("SIMPLE { ( 2, 3 ) / ( 2, 3 ) }");
        assertThat(image.data()).containsExactly("1", "2", "3", "4", "5", "6");
        H5Dump.Item stack = H5Dump.dataset(file, "/entry/stack");
        assertThat(stack.datatype()).isEqualTo("H5T_STD_U16LE");
        assertThat(stack.dataspace()).isEqualTo("SIMPLE { ( 2, 2, 2 ) / ( 2, 2, 2 ) }");
        assertThat(stack.data()).containsExactly("1", "2", "3", "4", "5", "6", "7", "60000");
        assertThat(H5Dump.dataset(file, "/entry/nonfinite").data()).containsExactly("nan", "inf", "-inf");
    }

    @Test
    void scalarsAndStrings() {
        H5Dump.Item i = H5Dump.dataset(file, "/entry/scalars/int");
        assertThat(i.datatype()).isEqualTo("H5T_STD_I64LE");
        assertThat(i.dataspace()).isEqualTo("SCALAR");
        assertThat(i.data()).containsExactly("13");
        assertThat(H5Dump.dataset(file, "/entry/scalars/float").data()).containsExactly("2.5");
        assertThat(H5Dump.dataset(file, "/entry/scalars/bool").datatype()).isEqualTo("H5T_STD_B8LE");
        H5Dump.Item u8 = H5Dump.dataset(file, "/entry/scalars/uint8");
        assertThat(u8.datatype()).isEqualTo("H5T_STD_U8LE");
        assertThat(u8.data()).containsExactly("255");

        H5Dump.Item s = H5Dump.dataset(file, "/entry/scalars/string");
        assertThat(s.datatype()).startsWith("H5T_STRING {").contains("CSET H5T_CSET_UTF8;");
        assertThat(s.dataspace()).isEqualTo("SCALAR");
        assertThat(s.data()).containsExactly("hello");
        H5Dump.Item names = H5Dump.dataset(file, "/entry/names");
        assertThat(names.dataspace()).isEqualTo("SIMPLE { ( 3 ) / ( 3 ) }");
        assertThat(names.data()).containsExactly("a", "bcd", "");
    }

    @Test
    void attributesOfEveryKindIncludingNexusClasses() {
        H5Dump.Item nxClass = H5Dump.attribute(file, "/entry/NX_class");
        assertThat(nxClass.datatype()).startsWith("H5T_STRING {");
        assertThat(nxClass.dataspace()).isEqualTo("SCALAR");
        assertThat(nxClass.data()).containsExactly("NXentry");
        assertThat(H5Dump.attribute(file, "/title").data()).containsExactly("scan 7");
        assertThat(H5Dump.attribute(file, "/entry/image/units").data()).containsExactly("counts");
        H5Dump.Item limits = H5Dump.attribute(file, "/entry/image/limits");
        assertThat(limits.datatype()).isEqualTo("H5T_IEEE_F64LE");
        assertThat(limits.dataspace()).isEqualTo("SIMPLE { ( 2 ) / ( 2 ) }");
        assertThat(limits.data()).containsExactly("0.5", "2.5");
        H5Dump.Item count = H5Dump.attribute(file, "/entry/image/count");
        assertThat(count.datatype()).isEqualTo("H5T_STD_U64LE");
        assertThat(count.data()).containsExactly("18446744073709551615");
        assertThat(H5Dump.attribute(file, "/entry/image/flag").datatype()).isEqualTo("H5T_STD_B8LE");
        assertThat(H5Dump.header(file)).doesNotContain("_jHDF").doesNotContain("ATTRIBUTE \"empty\"");
    }

    @Test
    void jhdfReadsTheSameValuesBack() throws IOException {
        try (HdfFile h5 = new HdfFile(file)) {
            assertThat((double[]) h5.getDatasetByPath("/entry/types/float64").getData())
                    .containsExactly(-1.5, 0.125, 1e300);
            assertThat((int[][]) h5.getDatasetByPath("/entry/image").getData())
                    .isDeepEqualTo(new int[][] {{1, 2, 3}, {4, 5, 6}});
            Dataset unicode = h5.getDatasetByPath("/entry/scalars/unicode");
            assertThat(unicode.isScalar()).isTrue();
            assertThat(unicode.getData()).isEqualTo("héllo ✓");
            assertThat((String[]) h5.getDatasetByPath("/entry/names").getData()).containsExactly("a", "bcd", "");
            assertThat(h5.getByPath("/entry").getAttribute("NX_class").getData()).isEqualTo("NXentry");
            assertThat(h5.getDatasetByPath("/entry/scalars/int").getData()).isEqualTo(13L);
            // jhdf widens unsigned types on reading: uint16 comes back as int
            assertThat((int[]) h5.getDatasetByPath("/entry/types/uint16").getData()).containsExactly(0, 1, 65535);
            assertThat(h5.getAttributes()).containsOnlyKeys("title");
        }
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("scan.h5");
        PublishTree first = new PublishTree();
        first.array("/data", new int[] {1, 2});
        assertThat(Hdf5Writer.write(first, target)).isEmpty();
        PublishTree next = new PublishTree();
        next.scalar("/results", 14L);
        assertThat(Hdf5Writer.write(next, target)).isEmpty();
        assertThat(H5Dump.contents(target)).containsExactly("group /", "dataset /results");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("scan.h5");
        }
    }

    @Test
    void failuresNameThePathAndLeaveTheTargetAlone(@TempDir Path dir) throws IOException {
        PublishTree next = new PublishTree();
        next.scalar("/results", 14L);

        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path under = blocker.resolve("scan.h5");
        assertThatThrownBy(() -> Hdf5Writer.write(next, under)).isInstanceOf(IOException.class)
                .hasMessageContaining(under.toString());

        Path occupied = dir.resolve("occupied.h5");
        Files.createDirectories(occupied.resolve("inside"));
        assertThatThrownBy(() -> Hdf5Writer.write(next, occupied)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot write HDF5 file " + occupied);
        assertThat(occupied.resolve("inside")).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("not-a-dir", "occupied.h5");
        }
    }
}
