package io.jdranspose.reducer.hdf5;

import io.jdranspose.api.DType;
import io.jdranspose.api.publish.CompoundValue;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.api.publish.Value;
import java.lang.reflect.Array;

/**
 * Turns a value snapshot into what jhdf 0.13.0 writes: a boxed Java scalar for rank 0, a rectangular
 * nested primitive array ({@code long[][]}, {@code boolean[]}, …) otherwise, or {@code String} /
 * {@code String[]}. Unsigned types keep the bits of their signed Java storage and ask jhdf for an
 * unsigned HDF5 type.
 */
final class JhdfValues {
    /** The object to hand to jhdf and whether its integer type must be written unsigned. */
    record JhdfData(Object data, boolean unsigned) {
    }

    private JhdfValues() {
    }

    /**
     * @return the jhdf form, or {@code null} when jhdf cannot store the value (a dimension of length 0:
     *     jhdf 0.13.0 fails on empty arrays)
     */
    static JhdfData of(Value value) {
        return switch (value) {
            case StringValue s -> strings(s);
            case NumericValue n -> numeric(n);
            // the writer splits records into one dataset per field before they get here
            case CompoundValue c -> throw new IllegalArgumentException("jhdf 0.13.0 cannot write compound values");
        };
    }

    private static JhdfData strings(StringValue s) {
        if (s.scalar()) {
            return new JhdfData(s.strings().get(0), false);
        }
        return s.strings().isEmpty() ? null : new JhdfData(s.strings().toArray(new String[0]), false);
    }

    private static JhdfData numeric(NumericValue v) {
        boolean unsigned = v.dtype().isUnsigned();
        long[] shape = v.shape();
        if (shape.length == 0) {
            return new JhdfData(boxed(v), unsigned);
        }
        int[] dims = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) {
                return null;
            }
            dims[d] = (int) shape[d];
        }
        Class<?> leaf = v.dtype() == DType.BOOL ? boolean.class : v.dtype().storageClass();
        Object nested = Array.newInstance(leaf, dims);
        fill(nested, v.data(), 0, dims, 0);
        return new JhdfData(nested, unsigned);
    }

    /** Copies the flat C-order data into the nested array; returns the next flat offset. */
    private static int fill(Object nested, Object flat, int depth, int[] dims, int offset) {
        if (depth == dims.length - 1) {
            if (nested instanceof boolean[] bools) {
                byte[] bytes = (byte[]) flat;
                for (int i = 0; i < bools.length; i++) {
                    bools[i] = bytes[offset + i] != 0;
                }
            } else {
                System.arraycopy(flat, offset, nested, 0, dims[depth]);
            }
            return offset + dims[depth];
        }
        for (int i = 0; i < dims[depth]; i++) {
            offset = fill(Array.get(nested, i), flat, depth + 1, dims, offset);
        }
        return offset;
    }

    private static Object boxed(NumericValue v) {
        return switch (v.dtype()) {
            case BOOL -> ((byte[]) v.data())[0] != 0;
            case INT8, UINT8 -> ((byte[]) v.data())[0];
            case INT16, UINT16 -> ((short[]) v.data())[0];
            case INT32, UINT32 -> ((int[]) v.data())[0];
            case INT64, UINT64 -> ((long[]) v.data())[0];
            case FLOAT32 -> ((float[]) v.data())[0];
            case FLOAT64 -> ((double[]) v.data())[0];
        };
    }
}
