package io.jdranspose.api.eiger;

import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.compression.BitshuffleLz4;
import io.jdranspose.api.compression.Lz4;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One decoded Eiger legacy (SIMPLON stream v1) message: a series header, an image, or a series end. */
public sealed interface EigerPacket permits EigerPacket.Header, EigerPacket.Image, EigerPacket.End {

    /** The series number every message of a series carries. */
    long series();

    /** This packet as an image, or {@code null} for header and end packets. */
    default Image image() {
        return this instanceof Image i ? i : null;
    }

    /**
     * Series header ({@code dheader-1.0}). How many parts follow the first depends on {@code header_detail}:
     * {@code all} sends the detector config, then flat field, pixel mask and count-rate table (a JSON header and a
     * blob each); {@code basic} sends only the detector config; {@code none} nothing. Any of them may end with one
     * appendix part when the control system set a header appendix.
     *
     * @param headerDetail {@code all}, {@code basic} or {@code none}
     * @param config       the detector config (part 1: {@code nimages}, {@code x_pixels_in_detector}, …), or
     *                     {@code null} for {@code none}
     * @param tables       flat field, pixel mask and count-rate table for {@code all}, otherwise empty
     * @param appendix     the appendix part as JSON (a map, list, …), its UTF-8 text when it is not JSON, or
     *                     {@code null} when absent
     */
    record Header(long series, String headerDetail, Map<String, Object> global, Map<String, Object> config,
                  List<Table> tables, Object appendix) implements EigerPacket {
        public Header {
            tables = List.copyOf(tables);
        }
    }

    /**
     * A header table ({@code dflatfield-1.0}, {@code dpixelmask-1.0}, {@code dcountrate_table-1.0}) with its blob.
     *
     * @param shape as sent: SIMPLON lists {@code [x, y]} (columns first)
     */
    record Table(String htype, int[] shape, DType dtype, Map<String, Object> header, byte[] raw) {
        /**
         * The table as a C-order array of shape {@code [y, x]}.
         *
         * @throws ProtocolException when the blob is not the size shape and type need
         */
        public NdArray data() {
            return EigerLegacy.uncompressed("Eiger legacy " + htype, shape, dtype, ByteOrder.LITTLE_ENDIAN, raw);
        }

        @Override
        public String toString() {
            return "Table[" + htype + ", " + dtype.numpyName() + " " + Arrays.toString(shape) + ", " + raw.length + " bytes]";
        }
    }

    /**
     * An image: parts {@code dimage-1.0} (frame, hash), {@code dimage_d-1.0} (encoding, shape, size, type), the blob,
     * {@code dconfig-1.0} (times in ns) and an optional appendix.
     *
     * @param hash      the MD5 the detector computed over the blob (not checked here)
     * @param shape     as sent, {@code [x, y]} (columns first); {@link #data()} returns {@code [y, x]}
     * @param encoding  {@code bs32-lz4<}, {@code bs16-lz4<}, {@code bs8-lz4<}, {@code lz4<} or {@code <} (raw)
     * @param size      bytes of the blob the detector sent
     * @param config    the {@code dconfig-1.0} part: {@code real_time}, {@code start_time}, {@code stop_time}
     * @param appendix  as in {@link Header#appendix()}
     */
    record Image(long series, long frame, String hash, int[] shape, DType dtype, String encoding, long size,
                 Map<String, Object> config, Object appendix, byte[] blob) implements EigerPacket {

        /** Exposure time in ns ({@code real_time}), or -1 when absent. */
        public long realTime() {
            return EigerLegacy.longOr(config, "real_time");
        }

        /** Start of the exposure in ns since the series began ({@code start_time}), or -1 when absent. */
        public long startTime() {
            return EigerLegacy.longOr(config, "start_time");
        }

        /** End of the exposure in ns ({@code stop_time}), or -1 when absent. */
        public long stopTime() {
            return EigerLegacy.longOr(config, "stop_time");
        }

        /**
         * The pixels as a C-order array of shape {@code [y, x]} (rows, columns), decoded on every call.
         *
         * @throws ProtocolException when the blob is shorter than {@code size} (a truncated capture), the encoding is
         *                           unknown or does not match the type, or the blob does not decode to the shape
         */
        public NdArray data() {
            String what = "Eiger image frame " + frame + " of series " + series;
            if (blob.length != size) {
                throw new ProtocolException(what + ": blob is " + (blob.length < size ? "truncated" : "longer than declared")
                        + ": header declares size " + size + " bytes, the blob has " + blob.length);
            }
            ByteOrder order = encoding.endsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            String codec = encoding.endsWith("<") || encoding.endsWith(">")
                    ? encoding.substring(0, encoding.length() - 1) : encoding;
            long bytes = EigerLegacy.byteCount(shape, dtype);
            byte[] pixels;
            try {
                pixels = switch (codec) {
                    case "" -> blob;
                    case "lz4" -> Lz4.decodeRawBlock(blob, bytes);
                    case "bs8-lz4", "bs16-lz4", "bs32-lz4", "bs64-lz4" -> {
                        int bits = Integer.parseInt(codec.substring(2, codec.indexOf('-')));
                        if (bits != 8 * dtype.itemSize()) {
                            throw new ProtocolException("encoding '" + encoding + "' shuffles " + bits + "-bit items, type "
                                    + dtype.numpyName() + " has " + 8 * dtype.itemSize());
                        }
                        yield BitshuffleLz4.decode(blob, dtype.itemSize());
                    }
                    default -> throw new ProtocolException("unknown encoding '" + encoding
                            + "' (known: bs8-lz4<, bs16-lz4<, bs32-lz4<, lz4<, <)");
                };
            } catch (ProtocolException e) {
                throw new ProtocolException(what + ": " + e.getMessage(), e);
            }
            return EigerLegacy.uncompressed(what, shape, dtype, order, pixels);
        }

        @Override
        public String toString() {
            return "Image[series=" + series + ", frame=" + frame + ", " + dtype.numpyName() + " " + Arrays.toString(shape)
                    + ", " + encoding + ", " + blob.length + " bytes]";
        }
    }

    /** Series end ({@code dseries_end-1.0}). */
    record End(long series, Map<String, Object> header) implements EigerPacket {
    }
}
