package io.jdranspose.api.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PublishTreeTest {
    @Test
    void trendsGrowAlongTheFirstAxisWithNanForRowsNotSetYet() {
        PublishTree tree = new PublishTree();
        NumericDataset mean = tree.numeric("/roi/mean", DType.FLOAT64);
        mean.set(2, 5.0).set(0, 1.0);
        NumericValue v = mean.snapshot();
        assertThat(v.shape()).containsExactly(3);
        assertThat((double[]) v.data()).containsExactly(1.0, Double.NaN, 5.0);
        assertThat(tree.find("/roi")).isInstanceOf(Group.class);
        assertThat(tree.find("/roi/mean")).isSameAs(mean);
        assertThat(tree.find("/roi/nothing")).isNull();
        assertThat(tree.find("/roi/mean/deeper")).isNull();
    }

    @Test
    void rowsMakeAMatrixAndConvertToTheDatasetType() {
        PublishTree tree = new PublishTree();
        NumericDataset iq = tree.numeric("/azint/I", DType.FLOAT32);
        iq.set(1, new double[] {1.5, 2.5, 3.5});
        iq.set(0, new int[] {1, 2, 3});
        NumericValue v = iq.snapshot();
        assertThat(v.shape()).containsExactly(2, 3);
        assertThat((float[]) v.data()).containsExactly(1, 2, 3, 1.5f, 2.5f, 3.5f);
        assertThatThrownBy(() -> iq.set(2, new double[] {1, 2}))
                .hasMessage("/azint/I: row shape [2] differs from [3]");
    }

    @Test
    void imageStacksOfRankThree() {
        NumericDataset stack = new PublishTree().numeric("/stack", DType.UINT16);
        stack.append(new short[][] {{1, 2}, {3, (short) 65535}});
        stack.append(new short[][] {{5, 6}, {7, 8}});
        NumericValue v = stack.snapshot();
        assertThat(v.shape()).containsExactly(2, 2, 2);
        assertThat(v.getLong(3)).isEqualTo(65535);
        assertThat(v.getDouble(7)).isEqualTo(8);
    }

    @Test
    void scalarsStringsAndAttributes() {
        PublishTree tree = new PublishTree();
        tree.scalar("/results", 13);
        tree.scalar("/ratio", 0.5);
        tree.scalar("/title", "scan 7");
        tree.scalar("/ok", true);
        tree.strings("/names").set(1, "orca");
        tree.group("/entry").attribute("NX_class", "NXentry").attribute("shape", new long[] {16, 12});
        assertThat(((NumericDataset) tree.find("/results")).snapshot())
                .isEqualTo(new NumericValue(DType.INT64, new long[0], new long[] {13}));
        assertThat(((NumericDataset) tree.find("/ratio")).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(((StringDataset) tree.find("/title")).snapshot()).isEqualTo(StringValue.scalar("scan 7"));
        assertThat(((NumericDataset) tree.find("/ok")).dtype()).isEqualTo(DType.BOOL);
        assertThat(((StringDataset) tree.find("/names")).snapshot().strings()).containsExactly("", "orca");
        assertThat(tree.find("/entry").attributes()).containsEntry("NX_class", StringValue.scalar("NXentry"));
        assertThat(tree.find("/entry").attributes().get("shape").shape()).containsExactly(2);
        assertThat(tree.root().children()).extracting(Node::name)
                .containsExactly("results", "ratio", "title", "ok", "names", "entry");
    }

    @Test
    void kindConflictsAreErrorsNamingThePath() {
        PublishTree tree = new PublishTree();
        tree.numeric("/a/b", DType.INT32);
        assertThatThrownBy(() -> tree.group("/a/b")).hasMessage("/a/b is a numeric dataset, not a group");
        assertThatThrownBy(() -> tree.numeric("/a/b", DType.FLOAT32)).hasMessage("/a/b is int32, not float32");
        assertThatThrownBy(() -> tree.numeric("/", DType.FLOAT32)).hasMessageContaining("names the root group");
        assertThatThrownBy(() -> tree.scalar("/x", new Object())).hasMessageContaining("cannot publish a java.lang.Object");
        assertThatThrownBy(() -> tree.array("/r", new int[][] {{1, 2}, {3}})).hasMessageContaining("ragged");
    }

    @Test
    void lastModifiedMovesOnEveryChangeWithoutRunningAheadOfTheClock() {
        NumericDataset d = new PublishTree().numeric("/d", DType.INT64);
        long before = d.lastModifiedMicros();
        d.set(0, 1L);
        long after = d.lastModifiedMicros();
        d.set(1, 2L);
        assertThat(after).isGreaterThan(before);
        assertThat(d.lastModifiedMicros()).isGreaterThan(after);
        long last = d.lastModifiedMicros();
        for (int i = 0; i < 100_000; i++) {
            d.set(i, (long) i);
            assertThat(d.lastModifiedMicros()).isGreaterThan(last);
            last = d.lastModifiedMicros();
        }
        // microsecond steps keep the time close to real; millisecond steps would be 100 s ahead now
        assertThat(d.lastModifiedMillis()).isLessThan(System.currentTimeMillis() + 1000);
        assertThat(d.lastModifiedMillis()).isEqualTo(d.lastModifiedMicros() / 1000);
    }

    @Test
    void readersNeverSeeAShapeThatDisagreesWithTheData() throws Exception {
        NumericDataset d = new PublishTree().numeric("/grow", DType.FLOAT64);
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 20_000 && problem.get() == null; i++) {
                NumericValue v = d.snapshot();
                long n = v.shape()[0] * (v.rank() > 1 ? v.shape()[1] : 1);
                if (((double[]) v.data()).length != n) {
                    problem.set("shape " + java.util.Arrays.toString(v.shape()) + " with " + ((double[]) v.data()).length);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20_000; i++) {
            d.set(i, new double[] {i, i});
        }
        reader.join();
        assertThat(problem.get()).isNull();
        assertThat(d.shape()).containsExactly(20_000, 2);
        assertThat(List.of(d.snapshot().getDouble(39_999))).containsExactly(19_999.0);
    }

    @Test
    void bigEndianIsAPropertyOfTheDatasetNotOfItsValues() {
        PublishTree tree = new PublishTree();
        NumericDataset be = tree.numeric("/be", DType.INT32, ByteOrder.BIG_ENDIAN).set(0, 7L);
        assertThat(be.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(be.snapshot()).isEqualTo(NumericValue.of(DType.INT32, new int[] {7}, 1));
        assertThat(tree.numeric("/be", DType.INT32)).isSameAs(be);
        assertThat(tree.numeric("/le", DType.INT32).byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> tree.numeric("/be", DType.INT32, ByteOrder.LITTLE_ENDIAN))
                .hasMessage("/be is BIG_ENDIAN, not LITTLE_ENDIAN");
    }

    @Test
    void someRowsCanBeCopiedWithoutTheRest() {
        NumericDataset stack = new PublishTree().numeric("/stack", DType.INT32);
        for (int i = 0; i < 10; i++) {
            stack.append(new int[] {i, 10 * i});
        }
        RowSlice slice = stack.snapshotRows(3, 5);
        assertThat(slice.firstRow()).isEqualTo(3);
        assertThat(slice.datasetShape()).containsExactly(10, 2);
        assertThat(slice.rows()).isEqualTo(NumericValue.of(DType.INT32, new int[] {3, 30, 4, 40}, 2, 2));
        RowSlice clamped = stack.snapshotRows(8, 100);
        assertThat(clamped.rowCount()).isEqualTo(2);
        assertThat(clamped.rows().shape()).containsExactly(2, 2);
        assertThat(stack.snapshotRows(20, 30).rows().shape()).containsExactly(0, 2);
        assertThatThrownBy(() -> stack.snapshotRows(5, 4)).hasMessageContaining("invalid row range");
        NumericDataset scalar = new PublishTree().numeric("/s", DType.FLOAT64).set(2.5);
        assertThat(scalar.snapshotRows(0, 1).rows()).isEqualTo(NumericValue.of(2.5));
        assertThat(scalar.snapshotRows(0, 1).datasetShape()).isEmpty();
    }

    @Test
    void aScalarThatBecomesAnArrayAndBackKeepsShapeAndDataTogether() {
        NumericDataset d = new PublishTree().numeric("/d", DType.FLOAT64);
        assertThat(d.shape()).containsExactly(0);
        d.set(1.5);
        assertThat(d.shape()).isEmpty();
        assertThatThrownBy(() -> d.set(0, 1.0)).hasMessageContaining("is a scalar");
        d.replace(new double[] {1, 2, 3, 4}, 2, 2);
        assertThat(d.snapshot()).isEqualTo(NumericValue.of(DType.FLOAT64, new double[] {1, 2, 3, 4}, 2, 2));
        d.set(3, new double[] {7, 8});
        assertThat(d.snapshot()).isEqualTo(NumericValue.of(DType.FLOAT64,
                new double[] {1, 2, 3, 4, Double.NaN, Double.NaN, 7, 8}, 4, 2));
        d.set(2L);
        assertThat(d.snapshot()).isEqualTo(NumericValue.of(DType.FLOAT64, new double[] {2}));
    }

    @Test
    void stringListsGrowWithEmptyStringsAndAScalarBecomesTheFirstEntry() {
        StringDataset s = new PublishTree().strings("/s");
        assertThat(s.shape()).containsExactly(0);
        s.set("only");
        assertThat(s.snapshot()).isEqualTo(StringValue.scalar("only"));
        s.append("next");
        assertThat(s.snapshot()).isEqualTo(StringValue.of(List.of("only", "next")));
        s.set(4, "far");
        assertThat(s.snapshot().strings()).containsExactly("only", "next", "", "", "far");
        s.set(0, "first");
        assertThat(s.snapshot().strings()).containsExactly("first", "next", "", "", "far");
        s.replace(List.of("x"));
        assertThat(s.shape()).containsExactly(1);
        assertThatThrownBy(() -> s.append(null)).isInstanceOf(NullPointerException.class);
    }
}
