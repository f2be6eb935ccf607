package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Flat primitive arrays in a {@link DType}'s storage class: allocation, conversion, element access. */
final class FlatArrays {
    private FlatArrays() {
    }

    static Object allocate(DType t, int n) {
        return Array.newInstance(t.storageClass(), n);
    }

    static int length(Object arr) {
        return Array.getLength(arr);
    }

    static Object copy(Object arr) {
        return switch (arr) {
            case byte[] a -> a.clone();
            case short[] a -> a.clone();
            case int[] a -> a.clone();
            case long[] a -> a.clone();
            case float[] a -> a.clone();
            case double[] a -> a.clone();
            default -> throw new IllegalArgumentException("not a numeric array: " + arr.getClass().getSimpleName());
        };
    }

    static Object copyOf(Object arr, int newLength, DType t) {
        Object out = switch (arr) {
            case byte[] a -> Arrays.copyOf(a, newLength);
            case short[] a -> Arrays.copyOf(a, newLength);
            case int[] a -> Arrays.copyOf(a, newLength);
            case long[] a -> Arrays.copyOf(a, newLength);
            case float[] a -> Arrays.copyOf(a, newLength);
            case double[] a -> Arrays.copyOf(a, newLength);
            default -> throw new IllegalArgumentException("not a numeric array");
        };
        int old = Array.getLength(arr);
        if (newLength > old) {
            fill(out, old, newLength, t);
        }
        return out;
    }

    /** Fill value for cells nobody has set yet: NaN for floats, 0 otherwise. */
    static void fill(Object arr, int from, int to, DType t) {
        if (arr instanceof float[] a) {
            Arrays.fill(a, from, to, Float.NaN);
        } else if (arr instanceof double[] a) {
            Arrays.fill(a, from, to, Double.NaN);
        }
        // integer arrays are already zero
    }

    static double getDouble(Object arr, int i, DType t) {
        return switch (arr) {
            case double[] a -> a[i];
            case float[] a -> a[i];
            case long[] a -> t.isUnsigned() && a[i] < 0 ? unsignedLongToDouble(a[i]) : a[i];
            case int[] a -> t.isUnsigned() ? Integer.toUnsignedLong(a[i]) : a[i];
            case short[] a -> t.isUnsigned() ? Short.toUnsignedInt(a[i]) : a[i];
            case byte[] a -> t.isUnsigned() || t == DType.BOOL ? Byte.toUnsignedInt(a[i]) : a[i];
            default -> throw new IllegalArgumentException("not a numeric array");
        };
    }

    static long getLong(Object arr, int i, DType t) {
        return switch (arr) {
            case double[] a -> (long) a[i];
            case float[] a -> (long) a[i];
            case long[] a -> a[i];
            case int[] a -> t.isUnsigned() ? Integer.toUnsignedLong(a[i]) : a[i];
            case short[] a -> t.isUnsigned() ? Short.toUnsignedInt(a[i]) : a[i];
            case byte[] a -> t.isUnsigned() || t == DType.BOOL ? Byte.toUnsignedInt(a[i]) : a[i];
            default -> throw new IllegalArgumentException("not a numeric array");
        };
    }

    private static double unsignedLongToDouble(long v) {
        return (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** Sets element {@code i} of a storage array of type {@code t} from a double (cast, like numpy). */
    static void setDouble(Object arr, int i, double v, DType t) {
        switch (arr) {
            case double[] a -> a[i] = v;
            case float[] a -> a[i] = (float) v;
            case long[] a -> a[i] = (long) v;
            case int[] a -> a[i] = (int) (long) v;
            case short[] a -> a[i] = (short) (long) v;
            case byte[] a -> a[i] = t == DType.BOOL ? (byte) (v != 0 ? 1 : 0) : (byte) (long) v;
            default -> throw new IllegalArgumentException("not a numeric array");
        }
    }

    static void setLong(Object arr, int i, long v, DType t) {
        switch (arr) {
            case double[] a -> a[i] = v;
            case float[] a -> a[i] = v;
            case long[] a -> a[i] = v;
            case int[] a -> a[i] = (int) v;
            case short[] a -> a[i] = (short) v;
            case byte[] a -> a[i] = t == DType.BOOL ? (byte) (v != 0 ? 1 : 0) : (byte) v;
            default -> throw new IllegalArgumentException("not a numeric array");
        }
    }

    /** The natural dtype of a flat primitive array (signed for integers). */
    static DType naturalType(Object flat) {
        return switch (flat) {
            case double[] a -> DType.FLOAT64;
            case float[] a -> DType.FLOAT32;
            case long[] a -> DType.INT64;
            case int[] a -> DType.INT32;
            case short[] a -> DType.INT16;
            case byte[] a -> DType.INT8;
            case boolean[] a -> DType.BOOL;
            default -> throw new IllegalArgumentException("not a flat primitive array: " + flat.getClass().getSimpleName());
        };
    }

    /**
     * Copies {@code n} elements of any flat primitive array into a storage array of type {@code dst},
     * converting as numpy's {@code astype} would. Same storage class → plain copy.
     */
    static void copyInto(Object src, int srcPos, Object dstArr, int dstPos, int n, DType dst) {
        if (src.getClass() == dstArr.getClass()) {
            System.arraycopy(src, srcPos, dstArr, dstPos, n);
            return;
        }
        if (src instanceof boolean[] b) {
            for (int i = 0; i < n; i++) {
                setLong(dstArr, dstPos + i, b[srcPos + i] ? 1 : 0, dst);
            }
            return;
        }
        DType srcType = naturalType(src);
        if (srcType.isFloat()) {
            for (int i = 0; i < n; i++) {
                setDouble(dstArr, dstPos + i, getDouble(src, srcPos + i, srcType), dst);
            }
        } else {
            for (int i = 0; i < n; i++) {
                setLong(dstArr, dstPos + i, getLong(src, srcPos + i, srcType), dst);
            }
        }
    }

    /** A new storage array of type {@code t} holding the converted elements of {@code flat}. */
    static Object convert(Object flat, DType t) {
        int n = Array.getLength(flat);
        if (flat.getClass().getComponentType() == t.storageClass()) {
            return copy(flat);
        }
        Object out = allocate(t, n);
        copyInto(flat, 0, out, 0, n, t);
        return out;
    }

    static boolean contentEquals(Object a, Object b) {
        return switch (a) {
            case byte[] x -> b instanceof byte[] y && Arrays.equals(x, y);
            case short[] x -> b instanceof short[] y && Arrays.equals(x, y);
            case int[] x -> b instanceof int[] y && Arrays.equals(x, y);
            case long[] x -> b instanceof long[] y && Arrays.equals(x, y);
            case float[] x -> b instanceof float[] y && Arrays.equals(x, y);
            case double[] x -> b instanceof double[] y && Arrays.equals(x, y);
            default -> false;
        };
    }

    /** Flattens boxed scalars and (nested, rectangular) primitive arrays into a {@link NumericValue}. */
    static NumericValue flatten(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("cannot publish null");
        }
        switch (value) {
            case Double d -> { return new NumericValue(DType.FLOAT64, new long[0], new double[] {d}); }
            case Float f -> { return new NumericValue(DType.FLOAT32, new long[0], new float[] {f}); }
            case Long l -> { return new NumericValue(DType.INT64, new long[0], new long[] {l}); }
            case Integer i -> { return new NumericValue(DType.INT64, new long[0], new long[] {i}); }
            case Short s -> { return new NumericValue(DType.INT16, new long[0], new short[] {s}); }
            case Byte b -> { return new NumericValue(DType.INT8, new long[0], new byte[] {b}); }
            case Boolean b -> { return new NumericValue(DType.BOOL, new long[0], new byte[] {(byte) (b ? 1 : 0)}); }
            default -> { }
        }
        if (!value.getClass().isArray()) {
            throw new IllegalArgumentException("cannot publish a " + value.getClass().getName()
                    + ": use numbers, strings, or primitive arrays");
        }
        List<Long> shape = new ArrayList<>();
        Object probe = value;
        while (probe != null && probe.getClass().isArray() && !probe.getClass().getComponentType().isPrimitive()) {
            int n = Array.getLength(probe);
            shape.add((long) n);
            probe = n == 0 ? null : Array.get(probe, 0);
        }
        Class<?> leafClass = leafComponent(value.getClass());
        if (!leafClass.isPrimitive()) {
            throw new IllegalArgumentException("cannot publish an array of " + leafClass.getName());
        }
        if (probe != null) {
            shape.add((long) Array.getLength(probe));
        } else {
            shape.add(0L);
        }
        long total = 1;
        for (long d : shape) {
            total *= d;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array too large to publish: " + shape);
        }
        DType type = leafClass == boolean.class ? DType.BOOL : naturalType(Array.newInstance(leafClass, 0));
        Object flat = allocate(type, (int) total);
        int[] pos = {0};
        copyLeaves(value, 0, shape, flat, pos, type);
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        return new NumericValue(type, dims, flat);
    }

    private static Class<?> leafComponent(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    private static void copyLeaves(Object arr, int depth, List<Long> shape, Object flat, int[] pos, DType type) {
        int n = Array.getLength(arr);
        if (n != shape.get(depth)) {
            throw new IllegalArgumentException("ragged array: dimension " + depth + " has lengths " + shape.get(depth)
                    + " and " + n);
        }
        if (depth == shape.size() - 1) {
            copyInto(arr, 0, flat, pos[0], n, type);
            pos[0] += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            copyLeaves(Array.get(arr, i), depth + 1, shape, flat, pos, type);
        }
    }
}
