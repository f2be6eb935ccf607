package io.jdranspose.api.stins;

import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
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
     * @param compression {@code none}, or the name the detector gave (e.g. {@code bslz4})
     */
    record Image(long msgNumber, long frame, int[] shape, DType dtype, ByteOrder byteOrder, String compression,
                 Map<String, Object> header, byte[] raw) implements StinsPacket {

        /**
         * The pixels as a typed array over the raw bytes (no copy).
         *
         * @throws ProtocolException when the image is compressed or its size does not match shape and dtype
         */
        public NdArray data() {
            if (!compression.equals("none")) {
                throw new ProtocolException("STINS image frame " + frame + ": compression '" + compression
                        + "' is not decoded by this parser (only 'none')");
            }
            return new NdArray(dtype, shape, ByteBuffer.wrap(raw).order(byteOrder));
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
