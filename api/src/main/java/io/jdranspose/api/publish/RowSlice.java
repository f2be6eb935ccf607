package io.jdranspose.api.publish;

/**
 * Some rows of a numeric dataset, copied at one moment together with the whole dataset's shape at that
 * moment (see {@link NumericDataset#snapshotRows}).
 *
 * @param firstRow     index of the first copied row in the dataset
 * @param datasetShape the whole dataset's shape when the rows were copied ({@code []} for a scalar)
 * @param rows         the copied rows: shape {@code [n, rowShape...]}, or the scalar value
 */
public record RowSlice(long firstRow, long[] datasetShape, NumericValue rows) {
    public RowSlice {
        datasetShape = datasetShape.clone();
    }

    @Override
    public long[] datasetShape() {
        return datasetShape.clone();
    }

    /** Number of rows copied (1 for a scalar). */
    public long rowCount() {
        return rows.rank() == 0 ? 1 : rows.shape()[0];
    }
}
