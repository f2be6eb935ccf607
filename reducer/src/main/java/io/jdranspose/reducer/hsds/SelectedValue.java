package io.jdranspose.reducer.hsds;

import io.jdranspose.api.publish.Dataset;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.RowSlice;
import io.jdranspose.api.publish.Value;

/**
 * What a {@code /value} request reads: one consistent snapshot and the selection relative to it. When the
 * selection covers only some rows of a numeric dataset (one image of a stack, the tail of a trend), only
 * those rows are copied, so a viewer paging through a large stack does not copy the whole stack each time.
 *
 * @param value     the snapshot (the whole dataset, or the rows the selection reads)
 * @param selection the parsed selection, with indices relative to {@code value}
 */
record SelectedValue(Value value, Selection selection) {

    /**
     * @param select the decoded {@code select} parameter, or {@code null} for everything
     * @throws HsdsException 400 when the selection does not fit the dataset's shape
     */
    static SelectedValue of(Dataset dataset, String select) {
        if (select != null && dataset instanceof NumericDataset numeric) {
            SelectedValue rows = rowsOnly(numeric, select);
            if (rows != null) {
                return rows;
            }
        }
        Value value = dataset.snapshot();
        return new SelectedValue(value, SelectionParser.parse(select, value.shape()));
    }

    /** The rows the selection reads, or {@code null} when it reads all of them or the dataset moved under it. */
    private static SelectedValue rowsOnly(NumericDataset dataset, String select) {
        long[] shape = dataset.shape();
        if (shape.length == 0) {
            return null;
        }
        Selection guess;
        try {
            guess = SelectionParser.parse(select, shape);
        } catch (HsdsException e) {
            return null; // judged again against the snapshot, which is what the answer must be consistent with
        }
        int[] range = guess.firstAxisRange();
        if (range[1] - range[0] >= shape[0]) {
            return null;
        }
        RowSlice slice = dataset.snapshotRows(range[0], range[1]);
        if (slice.datasetShape().length == 0) {
            return null; // it became a scalar meanwhile
        }
        Selection selection = SelectionParser.parse(select, slice.datasetShape());
        int[] rows = selection.firstAxisRange();
        long first = slice.firstRow();
        if (rows[1] > rows[0] && (rows[0] < first || rows[1] > first + slice.rowCount())) {
            return null; // the dataset was replaced between the shape and the copy
        }
        return new SelectedValue(slice.rows(), selection.shiftFirstAxis((int) first));
    }
}
