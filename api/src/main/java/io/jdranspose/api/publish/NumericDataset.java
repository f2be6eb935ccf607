package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.util.Arrays;

/**
 * A numeric dataset of fixed element type. Either a scalar ({@link #set(double)}), or an array that grows
 * along its first axis: {@code set(i, value)} for a 1-D trend, {@code set(i, row)} for a stack of rows
 * (e.g. one I(q) curve or one image per event). Rows not set yet read as NaN (floats) or 0 (integers).
 * Values are converted to the dataset's type as numpy's {@code astype} would.
 */
public final class NumericDataset extends Dataset {
    private static final long[] NO_DIMS = new long[0];

    private final DType dtype;
    private boolean scalar;
    private long[] rowShape;
    private int rowSize = -1;
    private Object data;
    private int length;

    NumericDataset(String path, String name, DType dtype) {
        super(path, name);
        this.dtype = dtype;
        this.data = FlatArrays.allocate(dtype, 0);
    }

    public DType dtype() {
        return dtype;
    }

    /** Makes this a scalar holding {@code value}. */
    public synchronized NumericDataset set(double value) {
        becomeScalar();
        FlatArrays.setDouble(data, 0, value, dtype);
        touch();
        return this;
    }

    /** Makes this a scalar holding {@code value} (exact for 64-bit integers). */
    public synchronized NumericDataset set(long value) {
        becomeScalar();
        FlatArrays.setLong(data, 0, value, dtype);
        touch();
        return this;
    }

    /** Sets element {@code index} of a 1-D dataset, growing it as needed. */
    public synchronized NumericDataset set(long index, double value) {
        int at = prepareRow(index, NO_DIMS);
        FlatArrays.setDouble(data, at, value, dtype);
        touch();
        return this;
    }

    /** Sets element {@code index} of a 1-D dataset (exact for 64-bit integers). */
    public synchronized NumericDataset set(long index, long value) {
        int at = prepareRow(index, NO_DIMS);
        FlatArrays.setLong(data, at, value, dtype);
        touch();
        return this;
    }

    /**
     * Sets row {@code index} from a primitive array (nested for rank ≥ 3 datasets). The first row fixes
     * the trailing shape; later rows must have the same shape.
     */
    public synchronized NumericDataset set(long index, Object row) {
        NumericValue v = NumericValue.of(row);
        int at = prepareRow(index, v.shape());
        FlatArrays.copyInto(v.data(), 0, data, at, rowSize, dtype);
        touch();
        return this;
    }

    /** Appends one element (1-D) or one row. */
    public synchronized NumericDataset append(Object valueOrRow) {
        return set(length, valueOrRow);
    }

    public synchronized NumericDataset append(double value) {
        return set(length, value);
    }

    /** Replaces the whole content with a (nested) primitive array of any rank, or a boxed scalar. */
    public synchronized NumericDataset replace(Object javaArray) {
        NumericValue v = NumericValue.of(javaArray);
        return replace(v.data(), v.shape());
    }

    /** Replaces the whole content with a flat C-order array of the given shape (empty shape = scalar). */
    public synchronized NumericDataset replace(Object flat, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != FlatArrays.length(flat)) {
            throw new IllegalArgumentException(path() + ": " + FlatArrays.length(flat) + " elements do not fill shape "
                    + Arrays.toString(shape));
        }
        if (shape.length == 0) {
            becomeScalar();
            FlatArrays.copyInto(flat, 0, data, 0, 1, dtype);
        } else {
            scalar = false;
            rowShape = Arrays.copyOfRange(shape, 1, shape.length);
            rowSize = (int) product(rowShape);
            length = (int) shape[0];
            data = FlatArrays.convert(flat, dtype);
        }
        touch();
        return this;
    }

    @Override
    public synchronized NumericValue snapshot() {
        if (scalar) {
            return new NumericValue(dtype, NO_DIMS, FlatArrays.copyOf(data, 1, dtype));
        }
        int size = rowSize < 0 ? 0 : length * rowSize;
        return new NumericValue(dtype, currentShape(), FlatArrays.copyOf(data, size, dtype));
    }

    @Override
    public synchronized long[] shape() {
        return scalar ? NO_DIMS : currentShape();
    }

    private long[] currentShape() {
        if (rowShape == null) {
            return new long[] {0};
        }
        long[] s = new long[rowShape.length + 1];
        s[0] = length;
        System.arraycopy(rowShape, 0, s, 1, rowShape.length);
        return s;
    }

    private void becomeScalar() {
        if (!scalar) {
            scalar = true;
            rowShape = null;
            rowSize = -1;
            length = 0;
            data = FlatArrays.allocate(dtype, 1);
        }
    }

    /** Grows storage so that row {@code index} exists and returns its flat offset. */
    private int prepareRow(long index, long[] shapeOfRow) {
        if (index < 0) {
            throw new IndexOutOfBoundsException(path() + ": negative index " + index);
        }
        if (scalar) {
            throw new IllegalStateException(path() + " is a scalar; use set(value) or replace(...)");
        }
        if (rowShape == null) {
            rowShape = shapeOfRow.clone();
            rowSize = (int) product(rowShape);
        } else if (!Arrays.equals(rowShape, shapeOfRow)) {
            throw new IllegalArgumentException(path() + ": row shape " + Arrays.toString(shapeOfRow)
                    + " differs from " + Arrays.toString(rowShape));
        }
        long needed = (index + 1) * (long) rowSize;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(path() + ": index " + index + " makes the dataset too large");
        }
        int capacity = FlatArrays.length(data);
        if (needed > capacity) {
            long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, Math.max(16L, capacity * 2L)));
            data = FlatArrays.copyOf(data, (int) grown, dtype);
        }
        if (index >= length) {
            length = (int) index + 1;
        }
        return (int) (index * rowSize);
    }

    private static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }
}
