package io.jdranspose.api.compression;

import io.jdranspose.api.ProtocolException;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Plain LZ4 as detectors send it, in two layouts:
 * <ul>
 * <li>{@link #decodeHdf5Filter} — HDF5 filter 32004 (what h5py/hdf5plugin write and what STINS {@code lz4}
 * is taken to mean): 8 B big-endian decoded size, 4 B big-endian block size, then per block a 4 B big-endian
 * compressed length and the block; a block whose length equals its decoded size is stored raw.</li>
 * <li>{@link #decodeRawBlock} — one bare LZ4 block whose decoded size the caller knows (Eiger {@code lz4<}:
 * the size follows from shape and type).</li>
 * </ul>
 * {@link #decodeHdf5FilterOrRawBlock} tries the first and falls back to the second; STINS uses it because no
 * public description of STINS {@code lz4} fixes the layout.
 *
 * <pre>{@code
 * byte[] pixels = Lz4.decodeRawBlock(blob, 2162 * 2068 * 4);
 * }</pre>
 */
public final class Lz4 {
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    /** LZ4 cannot expand one input byte to more than 255 output bytes. */
    private static final long MAX_RATIO = 256;
    private static final int HEADER = 12;

    private Lz4() {
    }

    /**
     * Decodes the HDF5 lz4 filter layout.
     *
     * @throws ProtocolException on a truncated header or block, a block length beyond the input, corrupt LZ4
     *                           data, or a declared size above {@link BitshuffleLz4#MAX_DECODED_BYTES} or above
     *                           what the input can hold
     */
    public static byte[] decodeHdf5Filter(byte[] in) {
        if (in.length < HEADER) {
            throw new ProtocolException("lz4: truncated header, " + in.length + " bytes where 12 are needed");
        }
        long total = be64(in, 0);
        if (total < 0 || total > BitshuffleLz4.MAX_DECODED_BYTES || total > (in.length - HEADER) * MAX_RATIO) {
            throw new ProtocolException("lz4: header declares " + Long.toUnsignedString(total)
                    + " decoded bytes, more than the limit or than " + in.length + " input bytes can hold");
        }
        long blockSize = be32(in, 8) & 0xFFFFFFFFL;
        if (blockSize == 0 && total > 0) {
            throw new ProtocolException("lz4: header declares a block size of 0");
        }
        byte[] out = new byte[(int) total];
        int pos = HEADER;
        int block = 0;
        for (int done = 0; done < total; block++) {
            int bytes = (int) Math.min(blockSize, total - done);
            if (in.length - pos < 4) {
                throw new ProtocolException("lz4: input ends before the length of block " + block + " (" + total
                        + " bytes declared, " + done + " decoded)");
            }
            int length = be32(in, pos);
            pos += 4;
            if (length < 0 || length > in.length - pos) {
                throw new ProtocolException("lz4: block " + block + " length " + Integer.toUnsignedString(length)
                        + " goes beyond the input (" + (in.length - pos) + " bytes left)");
            }
            if (length == bytes) {
                System.arraycopy(in, pos, out, done, bytes);   // the filter stores blocks LZ4 cannot shrink raw
            } else {
                int got = decompress(in, pos, length, out, done, bytes, "lz4: block " + block);
                if (got != bytes) {
                    throw new ProtocolException("lz4: block " + block + " decodes to " + got + " bytes, expected " + bytes);
                }
            }
            pos += length;
            done += bytes;
        }
        return out;
    }

    /**
     * Decodes one bare LZ4 block that must decode to exactly {@code size} bytes.
     *
     * @throws ProtocolException when the data is not such a block or {@code size} is absurd for the input
     */
    public static byte[] decodeRawBlock(byte[] in, long size) {
        if (size < 0 || size > BitshuffleLz4.MAX_DECODED_BYTES || size > in.length * MAX_RATIO) {
            throw new ProtocolException("lz4: " + size + " decoded bytes expected, more than the limit or than "
                    + in.length + " input bytes can hold");
        }
        byte[] out = new byte[(int) size];
        int got = decompress(in, 0, in.length, out, 0, out.length, "lz4: bare block");
        if (got != size) {
            throw new ProtocolException("lz4: block decodes to " + got + " bytes, expected " + size);
        }
        return out;
    }

    /**
     * The HDF5 filter layout when the header declares {@code size} bytes and the blocks parse, otherwise one
     * bare LZ4 block of {@code size} bytes.
     *
     * @throws ProtocolException when neither reading works; the message gives both reasons
     */
    public static byte[] decodeHdf5FilterOrRawBlock(byte[] in, long size) {
        String filterProblem;
        if (in.length >= HEADER && be64(in, 0) == size) {
            try {
                return decodeHdf5Filter(in);
            } catch (ProtocolException e) {
                filterProblem = e.getMessage();
            }
        } else {
            filterProblem = "no HDF5 lz4 header declaring " + size + " bytes";
        }
        try {
            return decodeRawBlock(in, size);
        } catch (ProtocolException e) {
            throw new ProtocolException("lz4: neither the HDF5 filter layout (" + filterProblem + ") nor a bare block ("
                    + e.getMessage() + ")");
        }
    }

    private static int decompress(byte[] in, int from, int length, byte[] out, int at, int max, String what) {
        try {
            return LZ4.decompress(in, from, length, out, at, max);
        } catch (LZ4Exception e) {
            throw new ProtocolException(what + " is not valid LZ4 decoding to " + max + " bytes: " + e.getMessage());
        }
    }

    private static long be64(byte[] b, int at) {
        return (long) be32(b, at) << 32 | (be32(b, at + 4) & 0xFFFFFFFFL);
    }

    private static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
