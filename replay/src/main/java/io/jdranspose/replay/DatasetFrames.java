package io.jdranspose.replay;

import io.jdranspose.api.DType;
import io.jdranspose.runtime.recording.RecordingException;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The frames of one HDF5 dataset, the first axis being the frame index, as raw little-endian C-order bytes.
 * Frames are read a slab at a time (one chunk row of frames, at most {@link #SLAB_BYTES}), so memory stays
 * bounded whatever the dataset's size and each chunk is decompressed once.
 */
final class DatasetFrames {
    /** Upper bound on one read; a frame larger than this is read alone. */
    static final long SLAB_BYTES = 16L << 20;

    private final Path file;
    private final String path;
    private final DatasetStream target;
    private final DatasetBase dataset;
    private final DType dtype;
    private final boolean bigEndian;
    private final int[] frameShape;
    private final long frames;
    private final int frameBytes;
    private final int slabFrames;
    private byte[] slab;
    private long slabStart = -1;
    private int slabCount;

    private DatasetFrames(Path file, DatasetStream target, DatasetBase dataset, DType dtype, boolean bigEndian) {
        this.file = file;
        this.path = target.path();
        this.target = target;
        this.dataset = dataset;
        this.dtype = dtype;
        this.bigEndian = bigEndian;
        int[] dims = dataset.getDimensions();
        this.frames = dims[0];
        this.frameShape = Arrays.copyOfRange(dims, 1, dims.length);
        long bytes = dtype.itemSize();
        for (int d : frameShape) {
            bytes *= d;
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new RecordingException(file + ": dataset " + path + " has frames of " + bytes
                    + " bytes, more than one Java array holds");
        }
        this.frameBytes = (int) bytes;
        long byBytes = Math.max(1, SLAB_BYTES / Math.max(1, frameBytes));
        long rows = dataset instanceof ChunkedDataset c ? c.getChunkDimensions()[0] : byBytes;
        this.slabFrames = (int) Math.max(1, Math.min(Math.min(rows, byBytes), Math.max(1, frames)));
    }

    /**
     * Opens one dataset for frame-wise reading.
     *
     * @throws RecordingException naming the file and dataset when it has no frame axis or a type that cannot
     *                            be sent as STINS pixels
     */
    static DatasetFrames open(Path file, Dataset dataset, DatasetStream target) {
        String where = file + ": dataset " + target.path();
        if (dataset.isScalar() || dataset.getDimensions().length == 0) {
            throw new RecordingException(where + " is a scalar; replay needs at least one axis (the frame index)");
        }
        if (dataset.isCompound() || dataset.isVariableLength()) {
            throw new RecordingException(where + " is compound or variable-length; replay sends numeric arrays only");
        }
        if (!(dataset instanceof DatasetBase base)) {
            throw new RecordingException(where + " is a " + dataset.getClass().getSimpleName()
                    + ", which jhdf cannot read in slices");
        }
        DataType type = dataset.getDataType();
        DType dtype = dtypeOf(type);
        if (dtype == null) {
            throw new RecordingException(where + " has type " + type.getClass().getSimpleName() + " of "
                    + type.getSize() + " bytes; replay sends (un)signed integers of 1, 2, 4, 8 bytes and float32/64");
        }
        boolean bigEndian = type instanceof OrderedDataType o && o.getByteOrder() == ByteOrder.BIG_ENDIAN;
        return new DatasetFrames(file, target, base, dtype, bigEndian);
    }

    /** The numpy-style element type of a jhdf data type, or null when STINS has none for it. */
    static DType dtypeOf(DataType type) {
        return switch (type) {
            case FixedPoint f -> switch (f.getSize()) {
                case 1 -> f.isSigned() ? DType.INT8 : DType.UINT8;
                case 2 -> f.isSigned() ? DType.INT16 : DType.UINT16;
                case 4 -> f.isSigned() ? DType.INT32 : DType.UINT32;
                case 8 -> f.isSigned() ? DType.INT64 : DType.UINT64;
                default -> null;
            };
            case FloatingPoint f -> switch (f.getSize()) {
                case 4 -> DType.FLOAT32;
                case 8 -> DType.FLOAT64;
                default -> null;
            };
            default -> null;
        };
    }

    DatasetStream target() {
        return target;
    }

    DType dtype() {
        return dtype;
    }

    /** Shape of one frame; empty for a 1-D dataset, whose frames are scalars. */
    int[] frameShape() {
        return frameShape.clone();
    }

    long frames() {
        return frames;
    }

    /**
     * Frame {@code index} as little-endian bytes (a fresh array the caller may keep).
     *
     * @throws RecordingException naming the file, dataset and frame when jhdf cannot read it
     */
    byte[] frame(long index) {
        if (index < 0 || index >= frames) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + frames);
        }
        if (frameBytes == 0) {
            return new byte[0];
        }
        if (index < slabStart || index >= slabStart + slabCount) {
            readSlab(index / slabFrames * slabFrames);
        }
        int at = (int) (index - slabStart) * frameBytes;
        return Arrays.copyOfRange(slab, at, at + frameBytes);
    }

    private void readSlab(long start) {
        int count = (int) Math.min(slabFrames, frames - start);
        long[] offset = new long[frameShape.length + 1];
        offset[0] = start;
        int[] shape = new int[frameShape.length + 1];
        shape[0] = count;
        System.arraycopy(frameShape, 0, shape, 1, frameShape.length);
        ByteBuffer buffer;
        try {
            buffer = dataset.getSliceDataBuffer(offset, shape);
        } catch (RuntimeException e) {
            throw new RecordingException(file + ": dataset " + path + ", frames " + start + ".." + (start + count - 1)
                    + " unreadable: " + e.getMessage(), e);
        }
        byte[] bytes = new byte[count * frameBytes];
        if (buffer.remaining() < bytes.length) {
            throw new RecordingException(file + ": dataset " + path + ", frames " + start + ".." + (start + count - 1)
                    + ": jhdf returned " + buffer.remaining() + " bytes, expected " + bytes.length);
        }
        buffer.duplicate().get(bytes);
        if (bigEndian) {
            swapBytes(bytes, dtype.itemSize());
        }
        slab = bytes;
        slabStart = start;
        slabCount = count;
    }

    /** Reverses the bytes of each item in place: STINS consumers expect little endian. */
    static void swapBytes(byte[] bytes, int itemSize) {
        for (int i = 0; i + itemSize <= bytes.length; i += itemSize) {
            for (int a = i, b = i + itemSize - 1; a < b; a++, b--) {
                byte t = bytes[a];
                bytes[a] = bytes[b];
                bytes[b] = t;
            }
        }
    }
}
