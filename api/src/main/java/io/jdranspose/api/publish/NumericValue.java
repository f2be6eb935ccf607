package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * An immutable numeric array: element type, shape and a flat C-order array in the type's storage class
 * (see {@link DType#storageClass()}). Scalars have an empty shape and one element.
 */
public record NumericValue(DType dtype, long[] shape, Object data) implements Value {
    public NumericValue {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (data.getClass().getComponentType() != dtype.storageClass() || Array.getLength(data) != n) {
            throw new IllegalArgumentException("data " + data.getClass().getSimpleName() + "[" + Array.getLength(data)
                    + "] does not hold " + dtype.numpyName() + " " + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Element {@code i} (flat C-order index) as a double; unsigned types are read unsigned. */
    public double getDouble(int i) {
        return FlatArrays.getDouble(data, i, dtype);
    }

    /** Element {@code i} as a long (floats truncated); unsigned types are read unsigned (uint64 wraps). */
    public long getLong(int i) {
        return FlatArrays.getLong(data, i, dtype);
    }

    /** A copy of the flat data array. */
    public Object copyOfData() {
        return FlatArrays.copy(data);
    }

    /**
     * Converts boxed numbers/booleans and primitive arrays of any rank into a value. Element types:
     * {@code double → float64, float → float32, long → int64, int → int32, short → int16, byte → int8,
     * boolean → bool}.
     */
    public static NumericValue of(Object value) {
        return FlatArrays.flatten(value);
    }

    /** A value of the given type from a flat array of any primitive type, converting elements. */
    public static NumericValue of(DType dtype, Object flat, long... shape) {
        Object converted = FlatArrays.convert(flat, dtype);
        return new NumericValue(dtype, shape, converted);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericValue v && v.dtype == dtype && Arrays.equals(v.shape, shape)
                && FlatArrays.contentEquals(data, v.data);
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        int n = Array.getLength(data);
        StringBuilder sb = new StringBuilder(dtype.numpyName()).append(Arrays.toString(shape)).append(' ');
        sb.append('[');
        for (int i = 0; i < Math.min(n, 8); i++) {
            sb.append(i == 0 ? "" : ", ").append(dtype.isFloat() ? String.valueOf(getDouble(i)) : String.valueOf(getLong(i)));
        }
        return sb.append(n > 8 ? ", …]" : "]").toString();
    }
}
