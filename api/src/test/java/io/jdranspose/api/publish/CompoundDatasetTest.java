package io.jdranspose.api.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompoundDatasetTest {
    private static final List<Field> FIELDS = List.of(Field.of("position", DType.FLOAT64),
            Field.of("height", DType.FLOAT32), Field.of("count", DType.UINT16), Field.of("ok", DType.BOOL),
            Field.string("label", 5));

    record Peak(String label, double position, float height, int count, boolean ok) {
    }

    @Test
    void recordsArePackedInFieldOrderLittleEndianWithoutPadding() {
        CompoundDataset peaks = new PublishTree().compound("/peaks", FIELDS);
        assertThat(peaks.recordSize()).isEqualTo(8 + 4 + 2 + 1 + 5);
        peaks.set(1, 2.5, 3.0f, 65535, true, "main");
        peaks.append(new Peak("side", -1.0, 0.5f, 7, false));
        CompoundValue v = peaks.snapshot();
        assertThat(v.shape()).containsExactly(3);
        ByteBuffer expected = ByteBuffer.allocate(3 * 20).order(ByteOrder.LITTLE_ENDIAN);
        expected.position(20).putDouble(2.5).putFloat(3.0f).putShort((short) 65535).put((byte) 1)
                .put("main\0".getBytes());
        expected.putDouble(-1.0).putFloat(0.5f).putShort((short) 7).put((byte) 0).put("side\0".getBytes());
        assertThat(v.data()).isEqualTo(expected.array());
        assertThat(v.record(0)).containsExactly(0.0, 0.0f, 0L, false, "");
        assertThat(v.record(1)).containsExactly(2.5, 3.0f, 65535L, true, "main");
        assertThat(v.get(2, 4)).isEqualTo("side");
        assertThat(v.fieldOffset(4)).isEqualTo(15);
    }

    @Test
    void aColumnIsOneFieldOfEveryRecord() {
        CompoundDataset peaks = new PublishTree().compound("/peaks", FIELDS);
        peaks.append(1.5, 2, 3, 1, "a").append(4.5, 5, 6, 0, "bcdef");
        CompoundValue v = peaks.snapshot();
        assertThat(v.column(0)).isEqualTo(NumericValue.of(DType.FLOAT64, new double[] {1.5, 4.5}, 2));
        assertThat(v.column(2)).isEqualTo(NumericValue.of(DType.UINT16, new short[] {3, 6}, 2));
        assertThat(v.column(3)).isEqualTo(NumericValue.of(DType.BOOL, new byte[] {1, 0}, 2));
        assertThat(v.column(4)).isEqualTo(StringValue.of(List.of("a", "bcdef")));
    }

    @Test
    void valuesThatDoNotFitAFieldAreErrorsNamingIt() {
        PublishTree tree = new PublishTree();
        CompoundDataset peaks = tree.compound("/peaks", FIELDS);
        assertThatThrownBy(() -> peaks.set(0, 1.0, 2.0)).hasMessageContaining("/peaks: a record needs 5 values");
        assertThatThrownBy(() -> peaks.set(0, 1.0, 2.0, 3, true, "toolong"))
                .hasMessageContaining("field 'label' holds at most 5 characters");
        assertThatThrownBy(() -> peaks.set(0, 1.0, 2.0, 3, true, "é")).hasMessageContaining("ASCII");
        assertThatThrownBy(() -> peaks.set(0, "x", 2.0, 3, true, "a")).hasMessageContaining("field 'position' needs a number");
        record Other(double position) {
        }
        assertThatThrownBy(() -> peaks.append(new Other(1))).hasMessageContaining("has no component named 'height'");
        assertThat(peaks.shape()).containsExactly(0);
        assertThatThrownBy(() -> tree.compound("/peaks", FIELDS.subList(0, 2))).hasMessageContaining("has fields");
        assertThatThrownBy(() -> tree.numeric("/peaks", DType.FLOAT64))
                .hasMessage("/peaks is a compound dataset, not a numeric dataset");
        assertThatThrownBy(() -> Field.of("a/b", DType.INT8)).hasMessageContaining("invalid field name");
        assertThatThrownBy(() -> tree.compound("/twice", List.of(Field.of("a", DType.INT8), Field.of("a", DType.INT8))))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> tree.root().attribute("c", peaks.snapshot())).hasMessageContaining("compound attributes");
    }

    @Test
    void writesMoveLastModified() {
        CompoundDataset peaks = new PublishTree().compound("/peaks", FIELDS);
        long before = peaks.lastModifiedMicros();
        peaks.append(1.5, 2, 3, 1, "a");
        assertThat(peaks.lastModifiedMicros()).isGreaterThan(before);
    }
}
