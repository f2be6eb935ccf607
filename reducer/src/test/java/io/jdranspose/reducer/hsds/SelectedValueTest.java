package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.PublishTree;
import org.junit.jupiter.api.Test;

/** A selection of some rows copies only those rows, and reads the same elements as against the whole. */
class SelectedValueTest {
    private final NumericDataset stack = new PublishTree().numeric("/stack", DType.INT32);

    SelectedValueTest() {
        for (int i = 0; i < 100; i++) {
            stack.append(new int[][] {{i, i + 1}, {i + 2, i + 3}});
        }
    }

    @Test
    void oneImageOfAStackCopiesOneImage() {
        SelectedValue selected = SelectedValue.of(stack, "[42,:,:]");
        assertThat(selected.value().shape()).containsExactly(1, 2, 2);
        assertThat(((NumericValue) selected.value()).data()).isEqualTo(new int[] {42, 43, 44, 45});
        assertThat(selected.selection().shape()).containsExactly(1, 2, 2);
        assertThat(selected.selection().firstAxisRange()).containsExactly(0, 1);
    }

    @Test
    void stridesAndCoordinateListsCopyTheRowsBetweenTheirEnds() {
        SelectedValue strided = SelectedValue.of(stack, "[10:20:4,1,0]");
        assertThat(strided.value().shape()).containsExactly(9, 2, 2);
        assertThat(strided.selection().dims().get(0)).isEqualTo(new Selection.Slice(0, 10, 4));
        SelectedValue points = SelectedValue.of(stack, "[[90,70,80],0,1]");
        assertThat(points.value().shape()).containsExactly(21, 2, 2);
        assertThat(((Selection.Points) points.selection().dims().get(0)).coordinates()).containsExactly(20, 0, 10);
    }

    @Test
    void everythingOrNoSelectCopiesEverything() {
        assertThat(SelectedValue.of(stack, null).value().shape()).containsExactly(100, 2, 2);
        assertThat(SelectedValue.of(stack, "[:,0,0]").value().shape()).containsExactly(100, 2, 2);
    }

    @Test
    void aSelectionBeyondTheRowsIsStillABadRequest() {
        assertThatThrownBy(() -> SelectedValue.of(stack, "[100,:,:]")).isInstanceOf(HsdsException.class)
                .hasMessageContaining("out of range");
    }
}
