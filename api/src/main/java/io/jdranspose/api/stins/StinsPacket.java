package io.jdranspose.api.stins;

import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.compression.BitshuffleLz4;
import io.jdranspose.api.compression.Lz4;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/** One decoded STINS message: a series start, an image, or a series end. */
public sealed interface StinsPacket permits StinsPacket.Start, StinsPacket.Image, StinsPacket.End {

    /** {@code msg_number} of the header frame. */
    long msgNumber();

    /** The header JSON as parsed (all fields, including ones this parser does not interpret). */
    Map<String, Object> header();

    /** This packet as an image, or {@code null} for start and end packets. */
    default Image image() {
        return this instanceof Image i ? i : null;
    }

    /**
     * Series start ({@code htype: header}).
     *
     * @param filename where the detector writes; empty by convention for live view only
     * @param meta     the optional second JSON document, or {@code null}
     */
    record Start(long msgNumber, String filename, Map<String, Object> header, Map<String, Object> meta)
            implements StinsPacket {
    }

    /**
     * An image ({@code htype: image}) with its pixels still in the frame's bytes.
     *
     * @param frame       detector frame number
     * @param shape       dimensions, C order ({@code [rows, columns]})
     * @param compression {@code none}, {@code bslz4}, {@code lz4}, or whatever else the detector named
     */
    record Image(long msgNumber, long frame, int[] shape, DType dtype, ByteOrder byteOrder, String compression,
                 Map<String, Object> header, byte[] raw) implements StinsPacket {

        /**
         * The pixels as a typed array: a view over the raw bytes for {@code none}, freshly decoded (on every call)
         * for {@code bslz4} (bitshuffle/LZ4, HDF5 filter layout) and {@code lz4} (HDF5 lz4 filter layout, or one
         * bare LZ4 block of the image's size, see {@link Lz4#decodeHdf5FilterOrRawBlock}).
         *
         * @throws ProtocolException for another compression, or when the bytes do not decode to shape and dtype
         */
        public NdArray data() {
            byte[] pixels = switch (compression) {
                case "none" -> raw;
                case "bslz4" -> decoded(() -> BitshuffleLz4.decode(raw, dtype.itemSize()));
                case "lz4" -> decoded(() -> Lz4.decodeHdf5FilterOrRawBlock(raw, byteCount()));
                default -> throw new ProtocolException("STINS image frame " + frame + ": unknown compression '"
                        + compression + "' (known: none, bslz4, lz4)");
            };
            if (pixels.length != byteCount()) {
                throw new ProtocolException("STINS image frame " + frame + ": shape " + Arrays.toString(shape) + " of "
                        + dtype.numpyName() + " needs " + byteCount() + " bytes, " + compression + " gave " + pixels.length);
            }
            return new NdArray(dtype, shape, ByteBuffer.wrap(pixels).order(byteOrder));
        }

        private byte[] decoded(java.util.function.Supplier<byte[]> decoder) {
            try {
                return decoder.get();
            } catch (ProtocolException e) {
                throw new ProtocolException("STINS image frame " + frame + " (" + compression + "): " + e.getMessage(), e);
            }
        }

        /** Bytes the shape and dtype need; {@code Long.MAX_VALUE} when that overflows (a hostile shape). */
        long byteCount() {
            return byteCount(shape, dtype);
        }

        static long byteCount(int[] shape, DType dtype) {
            long n = dtype.itemSize();
            for (int d : shape) {
                if (d == 0) {
                    return 0;
                }
                n = n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
            }
            return n;
        }

        /** The pixels as a flat Java array of the natural type (see {@link NdArray#toArray()}). */
        public Object pixels() {
            return data().toArray();
        }

        @Override
        public String toString() {
            return "Image[frame=" + frame + ", " + dtype.numpyName() + " " + Arrays.toString(shape) + ", compression="
                    + compression + ", " + raw.length + " bytes]";
        }
    }

    /** Series end ({@code htype: series_end}). */
    record End(long msgNumber, Map<String, Object> header) implements StinsPacket {
    }
}
