package io.jdranspose.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A typed, C-order n-dimensional array viewed over raw detector bytes without copying. Convert to a
 * Java array with {@link #toArray()} or read elements directly; reductions over all pixels
 * ({@link #sum()}, {@link #mean()}, {@link #roiMean}) run without allocating.
 */
public final class NdArray {
    private final DType dtype;
    private final int[] shape;
    private final ByteBuffer buffer;
    private final int size;

    /**
     * @throws ProtocolException when the buffer does not hold exactly {@code product(shape)} elements
     */
    public NdArray(DType dtype, int[] shape, ByteBuffer bytes) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ProtocolException("negative dimension in shape " + Arrays.toString(shape));
            }
            // Saturating: n stays below 2^31 before the multiply, so it cannot overflow and wrap to a small size.
            n = Math.min(n * d, Integer.MAX_VALUE + 1L);
        }
        if (n > Integer.MAX_VALUE) {
            throw new ProtocolException("shape " + Arrays.toString(shape) + " has more than 2^31 - 1 elements");
        }
        if (n * dtype.itemSize() != bytes.remaining()) {
            throw new ProtocolException("shape " + Arrays.toString(shape) + " of " + dtype.numpyName() + " needs "
                    + n * dtype.itemSize() + " bytes, the frame has " + bytes.remaining());
        }
        this.size = (int) n;
        this.buffer = bytes.slice().order(bytes.order());
    }

    public DType dtype() { return dtype; }

    public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    /** Number of elements. */
    public int size() { return size; }

    /** A read-only view of the raw bytes in their byte order. */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer().order(buffer.order());
    }

    /** Element {@code i} (flat C-order index) as a double; unsigned types read unsigned. */
    public double getDouble(int i) {
        int at = i * dtype.itemSize();
        return switch (dtype) {
            case BOOL, UINT8 -> Byte.toUnsignedInt(buffer.get(at));
            case INT8 -> buffer.get(at);
            case INT16 -> buffer.getShort(at);
            case UINT16 -> Short.toUnsignedInt(buffer.getShort(at));
            case INT32 -> buffer.getInt(at);
            case UINT32 -> Integer.toUnsignedLong(buffer.getInt(at));
            case INT64 -> buffer.getLong(at);
            case UINT64 -> {
                long v = buffer.getLong(at);
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            case FLOAT32 -> buffer.getFloat(at);
            case FLOAT64 -> buffer.getDouble(at);
        };
    }

    /** Element at row {@code y}, column {@code x} of a 2-D array. */
    public double get(int y, int x) {
        if (shape.length != 2) {
            throw new IllegalStateException("get(y, x) needs a 2-D array, this one has shape " + Arrays.toString(shape));
        }
        if (y < 0 || y >= shape[0] || x < 0 || x >= shape[1]) {
            throw new IndexOutOfBoundsException("(" + y + ", " + x + ") outside " + Arrays.toString(shape));
        }
        return getDouble(y * shape[1] + x);
    }

    /**
     * The elements as a flat Java array of the natural type: {@code byte[]} (int8/uint8/bool),
     * {@code short[]} (int16/uint16), {@code int[]} (int32/uint32), {@code long[]} (int64/uint64),
     * {@code float[]}, {@code double[]}. Unsigned values keep their bits (mask to read them).
     */
    public Object toArray() {
        ByteBuffer b = buffer.duplicate().order(buffer.order());
        return switch (dtype) {
            case BOOL, INT8, UINT8 -> {
                byte[] a = new byte[size];
                b.get(a);
                yield a;
            }
            case INT16, UINT16 -> {
                short[] a = new short[size];
                b.asShortBuffer().get(a);
                yield a;
            }
            case INT32, UINT32 -> {
                int[] a = new int[size];
                b.asIntBuffer().get(a);
                yield a;
            }
            case INT64, UINT64 -> {
                long[] a = new long[size];
                b.asLongBuffer().get(a);
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[size];
                b.asFloatBuffer().get(a);
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[size];
                b.asDoubleBuffer().get(a);
                yield a;
            }
        };
    }

    /** All elements converted to double. */
    public double[] toDoubles() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** Sum of all elements (exact for integer types up to 2^53). */
    public double sum() {
        return sumRange(0, size);
    }

    public double mean() {
        return size == 0 ? Double.NaN : sum() / size;
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            m = Math.min(m, getDouble(i));
        }
        return m;
    }

    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, getDouble(i));
        }
        return m;
    }

    /**
     * Mean of the rectangle rows {@code [y0, y1)} × columns {@code [x0, x1)} of a 2-D array, clipped to
     * the array; NaN when the clipped rectangle is empty.
     */
    public double roiMean(int y0, int y1, int x0, int x1) {
        if (shape.length != 2) {
            throw new IllegalStateException("roiMean needs a 2-D array, this one has shape " + Arrays.toString(shape));
        }
        int ya = Math.max(0, y0), yb = Math.min(shape[0], y1);
        int xa = Math.max(0, x0), xb = Math.min(shape[1], x1);
        if (ya >= yb || xa >= xb) {
            return Double.NaN;
        }
        double s = 0;
        for (int y = ya; y < yb; y++) {
            s += sumRange(y * shape[1] + xa, y * shape[1] + xb);
        }
        return s / ((double) (yb - ya) * (xb - xa));
    }

    /** Elements per bulk copy: big enough to amortize the copy, small enough to stay in L1. */
    private static final int CHUNK = 4096;

    private double sumRange(int from, int to) {
        // Bulk-copying a chunk into a primitive array and summing that lets the JIT vectorize the loop;
        // element-wise ByteBuffer reads do not, and ran at a third of the speed.
        ByteBuffer b = buffer.duplicate().order(buffer.order());
        switch (dtype) {
            case UINT16, INT16 -> {
                java.nio.ShortBuffer sb = b.asShortBuffer();
                short[] chunk = new short[Math.min(CHUNK, Math.max(0, to - from))];
                long s = 0;
                boolean unsigned = dtype == DType.UINT16;
                for (int at = from; at < to; at += CHUNK) {
                    int n = Math.min(CHUNK, to - at);
                    sb.get(at, chunk, 0, n);
                    int part = 0;  // 4096 × 65535 fits an int
                    if (unsigned) {
                        for (int i = 0; i < n; i++) {
                            part += chunk[i] & 0xFFFF;
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            part += chunk[i];
                        }
                    }
                    s += part;
                }
                return s;
            }
            case UINT32, INT32 -> {
                java.nio.IntBuffer ib = b.asIntBuffer();
                int[] chunk = new int[Math.min(CHUNK, Math.max(0, to - from))];
                long s = 0;
                boolean unsigned = dtype == DType.UINT32;
                for (int at = from; at < to; at += CHUNK) {
                    int n = Math.min(CHUNK, to - at);
                    ib.get(at, chunk, 0, n);
                    if (unsigned) {
                        for (int i = 0; i < n; i++) {
                            s += chunk[i] & 0xFFFFFFFFL;
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            s += chunk[i];
                        }
                    }
                }
                return s;
            }
            case FLOAT32 -> {
                java.nio.FloatBuffer fb = b.asFloatBuffer();
                float[] chunk = new float[Math.min(CHUNK, Math.max(0, to - from))];
                double s = 0;
                for (int at = from; at < to; at += CHUNK) {
                    int n = Math.min(CHUNK, to - at);
                    fb.get(at, chunk, 0, n);
                    for (int i = 0; i < n; i++) {
                        s += chunk[i];
                    }
                }
                return s;
            }
            default -> {
                double s = 0;
                for (int i = from; i < to; i++) {
                    s += getDouble(i);
                }
                return s;
            }
        }
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype.numpyName() + " " + Arrays.toString(shape) + "]";
    }
}
