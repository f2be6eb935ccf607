package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The select grammar on its own: which indices each form picks and the shape it answers. */
class SelectionParserTest {
    private static final long[] STACK = {4, 32, 48};

    @Test
    void h5pydTriplesRoundedToAWholeStepStayInRange() {
        // st[::2, 5, 10:20:3] as h5pyd 0.24 sends it
        Selection s = SelectionParser.parse("[0:4:2,5:6:1,10:22:3]", STACK);
        assertThat(s.shape()).containsExactly(2, 1, 4);
        assertThat(indices(s.dims().get(2))).containsExactly(10, 13, 16, 19);
        assertThat(indices(SelectionParser.parse("[0:4,0:32,40:48:3]", STACK).dims().get(2))).containsExactly(40, 43, 46);
    }

    @Test
    void h5webBareIndicesAndColonsKeepTheRank() {
        Selection s = SelectionParser.parse("[0,:,:]", STACK);
        assertThat(s.shape()).containsExactly(1, 32, 48);
        assertThat(s.elementCount()).isEqualTo(32 * 48);
    }

    @Test
    void noSelectOrABlankOneIsEverything() {
        assertThat(SelectionParser.parse(null, STACK).shape()).containsExactly(STACK);
        assertThat(SelectionParser.parse("  ", STACK).shape()).containsExactly(STACK);
        assertThat(SelectionParser.parse("[]", new long[0]).rank()).isZero();
    }

    @Test
    void coordinateListsKeepTheirOrderAndRepeats() {
        Selection s = SelectionParser.parse("[ [3, 0, 3] , 1 , [47] ]", STACK);
        assertThat(indices(s.dims().get(0))).containsExactly(3, 0, 3);
        assertThat(s.shape()).containsExactly(3, 1, 1);
    }

    @Test
    void aHugeStepSelectsOnlyTheStart() {
        Selection s = SelectionParser.parse("[1:4:99999999999]", new long[] {4});
        assertThat(indices(s.dims().get(0))).containsExactly(1);
    }

    @Test
    void errorsAre400() {
        for (String bad : List.of("[0:5,:,:]", "[:,:]", "[0,0,48]", "[0,0,99999999999999999999]", "[0,0,1e3]", "[0,0,0x1]")) {
            assertThatThrownBy(() -> SelectionParser.parse(bad, STACK)).as(bad).isInstanceOf(HsdsException.class)
                    .extracting(e -> ((HsdsException) e).status()).isEqualTo(400);
        }
    }

    @Test
    void zeroExtentAllowsOnlyTheEmptySlice() {
        assertThat(SelectionParser.parse("[:]", new long[] {0}).elementCount()).isZero();
        assertThat(SelectionParser.parse("[0:0]", new long[] {0}).elementCount()).isZero();
        assertThatThrownBy(() -> SelectionParser.parse("[0]", new long[] {0})).isInstanceOf(HsdsException.class);
    }

    private static List<Integer> indices(Selection.Dim dim) {
        Integer[] out = new Integer[dim.count()];
        for (int k = 0; k < out.length; k++) {
            out[k] = dim.index(k);
        }
        return List.of(out);
    }
}
