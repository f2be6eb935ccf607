package io.jdranspose.reducer.hsds;

import io.jdranspose.api.publish.NumericValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the selected elements of a numeric value as HSDS binary: raw little-endian elements in C order,
 * no header, booleans as one byte 0/1 (the enum's int8 base). Stages through a small buffer, so a
 * selection of any size costs the same extra memory; contiguous runs along the last dimension are copied
 * in bulk because that is the common case (whole rows, whole images).
 */
final class BinaryValueEncoder {
    private static final int STAGING_BYTES = 64 * 1024;

    private final Object data;
    private final int itemSize;
    private final ByteBuffer staging;
    private final OutputStream out;

    private BinaryValueEncoder(NumericValue value, OutputStream out) {
        this.data = value.data();
        this.itemSize = value.dtype().itemSize();
        this.staging = ByteBuffer.allocate(STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.out = out;
    }

    /** Number of bytes {@link #write} produces for {@code selection} of elements of {@code itemSize}. */
    static long byteCount(Selection selection, int itemSize) {
        return selection.elementCount() * itemSize;
    }

    static void write(NumericValue value, Selection selection, OutputStream out) throws IOException {
        BinaryValueEncoder encoder = new BinaryValueEncoder(value, out);
        long[] shape = value.shape();
        if (shape.length == 0) {
            encoder.run(0, 1);
        } else {
            encoder.writeDim(selection, Selection.strides(shape), 0, 0);
        }
        encoder.flush();
    }

    private void writeDim(Selection selection, long[] strides, int d, long base) throws IOException {
        Selection.Dim dim = selection.dims().get(d);
        int count = dim.count();
        if (d < strides.length - 1) {
            for (int k = 0; k < count; k++) {
                writeDim(selection, strides, d + 1, base + dim.index(k) * strides[d]);
            }
        } else if (dim instanceof Selection.Slice s && s.contiguous()) {
            run((int) (base + s.start()), count);
        } else {
            for (int k = 0; k < count; k++) {
                run((int) (base + dim.index(k)), 1);
            }
        }
    }

    /** Copies {@code length} consecutive elements starting at flat index {@code from}. */
    private void run(int from, int length) throws IOException {
        while (length > 0) {
            int fit = staging.remaining() / itemSize;
            if (fit == 0) {
                flush();
                continue;
            }
            int n = Math.min(fit, length);
            put(from, n);
            from += n;
            length -= n;
        }
    }

    private void put(int from, int n) {
        int pos = staging.position();
        switch (data) {
            case byte[] a -> staging.put(a, from, n);
            case short[] a -> staging.asShortBuffer().put(a, from, n);
            case int[] a -> staging.asIntBuffer().put(a, from, n);
            case long[] a -> staging.asLongBuffer().put(a, from, n);
            case float[] a -> staging.asFloatBuffer().put(a, from, n);
            case double[] a -> staging.asDoubleBuffer().put(a, from, n);
            default -> throw new IllegalStateException("not a numeric array: " + data.getClass());
        }
        staging.position(pos + n * itemSize);
    }

    private void flush() throws IOException {
        out.write(staging.array(), 0, staging.position());
        staging.clear();
    }
}
