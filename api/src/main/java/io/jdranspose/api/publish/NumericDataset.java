package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.lang.reflect.Array;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A numeric dataset of fixed element type. Either a scalar ({@link #set(double)}), or an array that grows
 * along its first axis: {@code set(i, value)} for a 1-D trend, {@code set(i, row)} for a stack of rows
 * (e.g. one I(q) curve or one image per event). Rows not set yet read as NaN (floats) or 0 (integers).
 * Values are converted to the dataset's type as numpy's {@code astype} would.
 *
 * <p>Writers are serialized on the dataset's monitor; readers ({@link #snapshot()}, {@link #snapshotRows},
 * {@link #shape()}) take no lock and never make a writer wait (see {@link RowStore}).
 *
 * <p>The {@linkplain #byteOrder() byte order} only says how the HSDS API sends the elements in binary
 * (and which {@code …LE}/{@code …BE} type it announces); in memory the values are Java numbers.
 */
public final class NumericDataset extends Dataset {
    private static final long[] NO_DIMS = new long[0];

    private final DType dtype;
    private final ByteOrder byteOrder;
    private final RowStore rows;

    NumericDataset(String path, String name, DType dtype, ByteOrder byteOrder) {
        super(path, name);
        this.dtype = dtype;
        this.byteOrder = byteOrder;
        this.rows = new RowStore(this, (old, n) -> FlatArrays.copyOf(old, n, dtype), FlatArrays.allocate(dtype, 0),
                null, 1);
    }

    public DType dtype() {
        return dtype;
    }

    /** The byte order of the published type: little endian unless the dataset was created big endian. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** Makes this a scalar holding {@code value}. */
    public synchronized NumericDataset set(double value) {
        Object data = beginScalarWrite();
        try {
            FlatArrays.setDouble(data, 0, value, dtype);
        } finally {
            endScalarWrite(data);
        }
        touch();
        return this;
    }

    /** Makes this a scalar holding {@code value} (exact for 64-bit integers). */
    public synchronized NumericDataset set(long value) {
        Object data = beginScalarWrite();
        try {
            FlatArrays.setLong(data, 0, value, dtype);
        } finally {
            endScalarWrite(data);
        }
        touch();
        return this;
    }

    /** Sets element {@code index} of a 1-D dataset, growing it as needed. */
    public synchronized NumericDataset set(long index, double value) {
        int row = prepareRow(index, NO_DIMS);
        Object data = rows.beginWrite(row);
        try {
            FlatArrays.setDouble(data, row, value, dtype);
        } finally {
            rows.endWrite();
        }
        touch();
        return this;
    }

    /** Sets element {@code index} of a 1-D dataset (exact for 64-bit integers). */
    public synchronized NumericDataset set(long index, long value) {
        int row = prepareRow(index, NO_DIMS);
        Object data = rows.beginWrite(row);
        try {
            FlatArrays.setLong(data, row, value, dtype);
        } finally {
            rows.endWrite();
        }
        touch();
        return this;
    }

    /**
     * Sets row {@code index} from a primitive array (nested for rank ≥ 3 datasets). The first row fixes
     * the trailing shape; later rows must have the same shape.
     */
    public synchronized NumericDataset set(long index, Object row) {
        Object flat;
        long[] shape;
        if (row != null && row.getClass().isArray() && row.getClass().getComponentType().isPrimitive()) {
            // a flat row is copied straight into the storage, without an intermediate copy
            flat = row;
            shape = new long[] {Array.getLength(row)};
        } else {
            NumericValue v = NumericValue.of(row);
            flat = v.data();
            shape = v.shape();
        }
        int at = prepareRow(index, shape);
        int rowElements = rows.layout().rowElements();
        Object data = rows.beginWrite(at);
        try {
            FlatArrays.copyInto(flat, 0, data, at * rowElements, rowElements, dtype);
        } finally {
            rows.endWrite();
        }
        touch();
        return this;
    }

    /** Appends one element (1-D) or one row. */
    public synchronized NumericDataset append(Object valueOrRow) {
        return set(rows.layout().length(), valueOrRow);
    }

    public synchronized NumericDataset append(double value) {
        return set(rows.layout().length(), value);
    }

    /** Replaces the whole content with a (nested) primitive array of any rank, or a boxed scalar. */
    public synchronized NumericDataset replace(Object javaArray) {
        NumericValue v = NumericValue.of(javaArray);
        return replace(v.data(), v.shape());
    }

    /** Replaces the whole content with a flat C-order array of the given shape (empty shape = scalar). */
    public synchronized NumericDataset replace(Object flat, long... shape) {
        long n = RowStore.product(shape);
        if (n != FlatArrays.length(flat)) {
            throw new IllegalArgumentException(path() + ": " + FlatArrays.length(flat) + " elements do not fill shape "
                    + Arrays.toString(shape));
        }
        if (shape.length == 0) {
            rows.reset(FlatArrays.convert(flat, dtype), true, NO_DIMS, 1);
        } else {
            rows.reset(FlatArrays.convert(flat, dtype), false, Arrays.copyOfRange(shape, 1, shape.length),
                    (int) shape[0]);
        }
        touch();
        return this;
    }

    /** A consistent copy of the whole content, taken without making writers wait. */
    @Override
    public NumericValue snapshot() {
        RowStore.Copy copy = rows.copy(0, Integer.MAX_VALUE);
        return new NumericValue(dtype, copy.shape(), copy.data());
    }

    /**
     * A consistent copy of rows {@code [fromRow, toRow)} only (clamped to the rows present), with the whole
     * dataset's shape at that moment: a viewer reading one image of a large stack copies one image. A
     * scalar dataset gives its value, with {@code firstRow} 0.
     */
    public RowSlice snapshotRows(long fromRow, long toRow) {
        if (fromRow < 0 || toRow < fromRow) {
            throw new IllegalArgumentException(path() + ": invalid row range [" + fromRow + ", " + toRow + ")");
        }
        RowStore.Copy copy = rows.copy((int) Math.min(fromRow, Integer.MAX_VALUE),
                (int) Math.min(toRow, Integer.MAX_VALUE));
        return new RowSlice(copy.firstRow(), copy.datasetShape(), new NumericValue(dtype, copy.shape(), copy.data()));
    }

    @Override
    public long[] shape() {
        return rows.layout().shape();
    }

    /** The array to write a scalar into: the current one when already a scalar, else a new one. */
    private Object beginScalarWrite() {
        return rows.layout().scalar() ? rows.beginWrite(0) : FlatArrays.allocate(dtype, 1);
    }

    private void endScalarWrite(Object data) {
        RowStore.Layout l = rows.layout();
        if (l.scalar() && l.data() == data) {
            rows.endWrite();
        } else {
            // becoming a scalar: publish the array only once it holds the value
            rows.reset(data, true, NO_DIMS, 1);
        }
    }

    /** Checks that row {@code index} fits this dataset, fixing the row shape on the first row. */
    private int prepareRow(long index, long[] shapeOfRow) {
        if (index < 0) {
            throw new IndexOutOfBoundsException(path() + ": negative index " + index);
        }
        RowStore.Layout l = rows.layout();
        if (l.scalar()) {
            throw new IllegalStateException(path() + " is a scalar; use set(value) or replace(...)");
        }
        if (l.rowShape() == null) {
            rows.reset(l.data(), false, shapeOfRow.clone(), 0);
        } else if (!Arrays.equals(l.rowShape(), shapeOfRow)) {
            throw new IllegalArgumentException(path() + ": row shape " + Arrays.toString(shapeOfRow)
                    + " differs from " + Arrays.toString(l.rowShape()));
        }
        long needed = (index + 1) * RowStore.product(shapeOfRow);
        if (needed > Integer.MAX_VALUE - 8 || index > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(path() + ": index " + index + " makes the dataset too large");
        }
        return (int) index;
    }
}
