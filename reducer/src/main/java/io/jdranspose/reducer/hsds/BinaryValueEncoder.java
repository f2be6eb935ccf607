package io.jdranspose.reducer.hsds;

import io.jdranspose.api.publish.CompoundValue;
import io.jdranspose.api.publish.NumericValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the selected elements of a value as HSDS binary: raw elements in C order in the byte order the
 * type names, no header; booleans as one byte 0/1 (the enum's int8 base); compound records as their fields
 * packed back to back in declared order without padding (as the value already holds them, little endian).
 * Stages through a small buffer, so a selection of any size costs the same extra memory; contiguous runs
 * along the last dimension are copied in bulk because that is the common case (whole rows, whole images).
 */
final class BinaryValueEncoder {
    private static final int STAGING_BYTES = 64 * 1024;

    private final Object data;
    /** Bytes per element. */
    private final int itemSize;
    /** Array slots per element: the record size for packed records, otherwise 1. */
    private final int width;
    private final ByteBuffer staging;
    private final OutputStream out;

    private BinaryValueEncoder(Object data, int itemSize, int width, ByteOrder order, OutputStream out) {
        this.data = data;
        this.itemSize = itemSize;
        this.width = width;
        this.staging = ByteBuffer.allocate(Math.max(STAGING_BYTES, itemSize)).order(order);
        this.out = out;
    }

    /** Number of bytes {@link #write} produces for {@code selection} of elements of {@code itemSize}. */
    static long byteCount(Selection selection, int itemSize) {
        return selection.elementCount() * itemSize;
    }

    static void write(NumericValue value, ByteOrder order, Selection selection, OutputStream out) throws IOException {
        new BinaryValueEncoder(value.data(), value.dtype().itemSize(), 1, order, out).write(value.shape(), selection);
    }

    static void write(CompoundValue value, Selection selection, OutputStream out) throws IOException {
        new BinaryValueEncoder(value.data(), value.recordSize(), value.recordSize(), ByteOrder.LITTLE_ENDIAN, out)
                .write(value.shape(), selection);
    }

    private void write(long[] shape, Selection selection) throws IOException {
        if (shape.length == 0) {
            run(0, 1);
        } else {
            writeDim(selection, Selection.strides(shape), 0, 0);
        }
        flush();
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
            case byte[] a -> staging.put(a, from * width, n * width);
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
