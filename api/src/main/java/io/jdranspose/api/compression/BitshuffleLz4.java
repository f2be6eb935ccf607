package io.jdranspose.api.compression;

import io.jdranspose.api.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Bitshuffle + LZ4 ("bslz4") in the layout of HDF5 filter 32008, which Eiger ({@code bs32-lz4<}) and STINS
 * ({@code bslz4}) detectors send: 8 B big-endian decoded byte count, 4 B big-endian block size in bytes
 * (0 = bitshuffle's default), then per block a 4 B big-endian compressed length and an LZ4 block holding the
 * bit-transposed elements. The final partial block is compressed too, with its element count rounded down to
 * a multiple of 8; only the last {@code < 8} elements follow raw.
 *
 * <pre>{@code
 * byte[] pixels = BitshuffleLz4.decode(frame, 4);                   // uint32 pixels, detector byte order
 * NdArray image = new NdArray(DType.UINT32, new int[] {h, w}, ByteBuffer.wrap(pixels).order(LITTLE_ENDIAN));
 * }</pre>
 *
 * Decoding validates every length against the input before allocating, so a hostile header cannot make it
 * allocate more than {@link #MAX_DECODED_BYTES} nor more than the input could decode to. Bytes after the last
 * element are ignored, as the HDF5 filter does.
 */
public final class BitshuffleLz4 {
    /** Largest decoded size accepted: far above any detector frame, far below what would exhaust a heap. */
    public static final long MAX_DECODED_BYTES = 1L << 30;

    /** bitshuffle transposes groups of 8 elements; blocks are multiples of this. */
    private static final int GROUP = 8;
    /** LZ4 cannot expand one input byte to more than 255 output bytes; 256 leaves room for headers. */
    private static final long MAX_LZ4_RATIO = 256;
    private static final int HEADER = 12;
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

    private BitshuffleLz4() {
    }

    /**
     * Decodes one bslz4 buffer (12 B header included) into a new array.
     *
     * @param itemSize bytes per element: 1, 2, 4 or 8
     * @throws ProtocolException naming what is wrong (truncated header or block, block length beyond the input,
     *                           corrupt LZ4 data, decoded size mismatch, bad item size, absurd sizes)
     */
    public static byte[] decode(byte[] compressed, int itemSize) {
        ByteBuffer in = ByteBuffer.wrap(compressed);
        byte[] out = new byte[(int) decodedSize(in, itemSize)];
        decodeInto(in, itemSize, out, 0, out.length);
        return out;
    }

    /**
     * Decodes the bslz4 bytes between {@code compressed}'s position and limit (not moving its position) into
     * {@code out} at its position, advancing that by the decoded size. Heap and direct buffers both work.
     *
     * @throws ProtocolException as {@link #decode(byte[], int)}, and when {@code out} has too little room
     */
    public static void decode(ByteBuffer compressed, int itemSize, ByteBuffer out) {
        int total = (int) decodedSize(compressed, itemSize);
        if (out.remaining() < total) {
            throw new ProtocolException("bslz4: decodes to " + total + " bytes, the output buffer has room for "
                    + out.remaining());
        }
        if (out.hasArray() && !out.isReadOnly()) {
            decodeInto(compressed, itemSize, out.array(), out.arrayOffset() + out.position(), total);
        } else {
            byte[] tmp = new byte[total];
            decodeInto(compressed, itemSize, tmp, 0, total);
            out.put(out.position(), tmp);
        }
        out.position(out.position() + total);
    }

    /**
     * The decoded size the header declares, after checking it against the item size, the caps and what the
     * input could plausibly decode to.
     */
    public static long decodedSize(ByteBuffer compressed, int itemSize) {
        checkItemSize(itemSize);
        int start = compressed.position();
        int length = compressed.remaining();
        if (length < HEADER) {
            throw new ProtocolException("bslz4: truncated header, " + length + " bytes where 12 are needed");
        }
        long total = compressed.order() == ByteOrder.BIG_ENDIAN ? compressed.getLong(start)
                : Long.reverseBytes(compressed.getLong(start));
        if (total < 0 || total > MAX_DECODED_BYTES) {
            throw new ProtocolException("bslz4: header declares " + Long.toUnsignedString(total)
                    + " decoded bytes, more than the limit of " + MAX_DECODED_BYTES);
        }
        if (total % itemSize != 0) {
            throw new ProtocolException("bslz4: header declares " + total + " decoded bytes, not a multiple of the "
                    + itemSize + " B item size");
        }
        if (total > (length - HEADER) * MAX_LZ4_RATIO + GROUP * itemSize) {
            throw new ProtocolException("bslz4: header declares " + total + " decoded bytes, more than "
                    + length + " input bytes can hold");
        }
        return total;
    }

    private static void checkItemSize(int itemSize) {
        if (itemSize != 1 && itemSize != 2 && itemSize != 4 && itemSize != 8) {
            throw new ProtocolException("bslz4: item size " + itemSize + " is not 1, 2, 4 or 8 bytes");
        }
    }

    /** The block size in elements, from the header or bitshuffle's default. */
    private static int blockElements(ByteBuffer in, int start, int itemSize) {
        int blockBytes = in.order() == ByteOrder.BIG_ENDIAN ? in.getInt(start + 8)
                : Integer.reverseBytes(in.getInt(start + 8));
        if (blockBytes == 0) {
            return Math.max(8192 / itemSize / GROUP * GROUP, 128);
        }
        if (blockBytes < 0 || blockBytes % (GROUP * itemSize) != 0) {
            throw new ProtocolException("bslz4: block size " + Integer.toUnsignedString(blockBytes)
                    + " B is not a positive multiple of 8 items of " + itemSize + " B");
        }
        return blockBytes / itemSize;
    }

    private static void decodeInto(ByteBuffer in, int itemSize, byte[] out, int outOffset, int total) {
        int start = in.position();
        int end = in.limit();
        int blockElements = blockElements(in, start, itemSize);
        int elements = total / itemSize;
        // The scratch block never exceeds what is decoded, so a huge declared block size allocates nothing.
        byte[] scratch = new byte[Math.min(blockElements, elements / GROUP * GROUP) * itemSize];
        ByteBuffer scratchBuffer = ByteBuffer.wrap(scratch);
        int pos = start + HEADER;
        int done = 0;
        int block = 0;
        while (elements - done >= GROUP) {
            int n = Math.min(blockElements, (elements - done) / GROUP * GROUP);
            int bytes = n * itemSize;
            if (end - pos < 4) {
                throw new ProtocolException("bslz4: input ends at byte " + (pos - start) + " before the length of block "
                        + block + " (" + total + " bytes declared)");
            }
            int compressedLength = in.order() == ByteOrder.BIG_ENDIAN ? in.getInt(pos) : Integer.reverseBytes(in.getInt(pos));
            pos += 4;
            if (compressedLength < 0 || compressedLength > end - pos) {
                throw new ProtocolException("bslz4: block " + block + " length " + Integer.toUnsignedString(compressedLength)
                        + " goes beyond the input (" + (end - pos) + " bytes left)");
            }
            int got;
            try {
                // lz4-java's ByteBuffer path is several times slower than its array path for heap buffers
                got = in.hasArray()
                        ? LZ4.decompress(in.array(), in.arrayOffset() + pos, compressedLength, scratch, 0, bytes)
                        : LZ4.decompress(in, pos, compressedLength, scratchBuffer, 0, bytes);
            } catch (LZ4Exception e) {
                throw new ProtocolException("bslz4: block " + block + " is not valid LZ4 decoding to " + bytes + " bytes: "
                        + e.getMessage());
            }
            if (got != bytes) {
                throw new ProtocolException("bslz4: block " + block + " decodes to " + got + " bytes, expected " + bytes);
            }
            BitPlanes.unshuffle(scratch, n, itemSize, out, outOffset + done * itemSize);
            pos += compressedLength;
            done += n;
            block++;
        }
        int rest = (elements - done) * itemSize;
        if (end - pos < rest) {
            throw new ProtocolException("bslz4: input ends " + (rest - (end - pos)) + " bytes before the last " + rest
                    + " raw bytes");
        }
        in.get(pos, out, outOffset + done * itemSize, rest);
    }

    /**
     * Encodes raw elements into the same layout with bitshuffle's default block size: for simulators and tests
     * that need detector-like frames. Not tuned for speed.
     */
    public static byte[] encode(byte[] raw, int itemSize) {
        checkItemSize(itemSize);
        if (raw.length % itemSize != 0) {
            throw new IllegalArgumentException(raw.length + " bytes are not a whole number of " + itemSize + " B items");
        }
        LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
        int blockElements = Math.max(8192 / itemSize / GROUP * GROUP, 128);
        int elements = raw.length / itemSize;
        ByteBuffer out = ByteBuffer.allocate(HEADER + raw.length + (raw.length / (blockElements * itemSize) + 2)
                * (4 + lz4.maxCompressedLength(blockElements * itemSize) - blockElements * itemSize) + 64);
        out.putLong(raw.length).putInt(blockElements * itemSize);
        byte[] shuffled = new byte[blockElements * itemSize];
        byte[] packed = new byte[lz4.maxCompressedLength(shuffled.length)];
        int done = 0;
        while (elements - done >= GROUP) {
            int n = Math.min(blockElements, (elements - done) / GROUP * GROUP);
            BitPlanes.shuffle(raw, done * itemSize, n, itemSize, shuffled);
            int length = lz4.compress(shuffled, 0, n * itemSize, packed, 0, packed.length);
            out.putInt(length).put(packed, 0, length);
            done += n;
        }
        out.put(raw, done * itemSize, raw.length - done * itemSize);
        byte[] result = new byte[out.position()];
        out.get(0, result);
        return result;
    }
}
