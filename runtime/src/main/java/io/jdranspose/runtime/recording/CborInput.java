package io.jdranspose.runtime.recording;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.zip.ZipException;

/**
 * A streaming reader for the small part of CBOR (RFC 8949) that recordings and captures use:
 * integers, byte and text strings, arrays, maps, tags, floats and null, definite or indefinite.
 *
 * <p>Hand-written rather than Jackson because Jackson's tree model drops tags and its streaming
 * parser would copy every frame once more. Large byte strings are read straight from the stream
 * into the array that is handed to the caller, so a 2 MiB frame is copied only once in Java.
 * All failures are {@link DamageException}s carrying the stream offset; the caller adds context.
 */
final class CborInput {

    static final int MAJOR_UNSIGNED = 0;
    static final int MAJOR_NEGATIVE = 1;
    static final int MAJOR_BYTES = 2;
    static final int MAJOR_TEXT = 3;
    static final int MAJOR_ARRAY = 4;
    static final int MAJOR_MAP = 5;
    static final int MAJOR_TAG = 6;

    /** Returned for arrays, maps and strings whose length is given by a break code at the end. */
    static final long INDEFINITE = -1;

    static final int NULL = 0xf6;
    private static final int BREAK = 0xff;
    private static final int HALF_FLOAT = 0xf9;
    private static final int SINGLE_FLOAT = 0xfa;
    private static final int DOUBLE_FLOAT = 0xfb;

    private static final int BUFFER_SIZE = 1 << 16;
    /**
     * Byte strings up to this size are allocated as declared. Longer ones are first checked against
     * the file size (or, for gzip, read in growing steps), so a corrupt length field cannot make us
     * allocate gigabytes before noticing that the data is not there.
     */
    private static final int TRUSTED_LENGTH = 64 << 20;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;
    /** Direct reads ask for at most this much at once: the JDK stages each read in native memory of that size. */
    private static final int SLICE = 1 << 20;

    private final InputStream in;
    private final LongSupplier totalLength;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    /** Stream offset of {@code buffer[0]}. */
    private long bufferStart;
    private boolean eof;
    /** Set when a gzip stream stopped in the middle: the end is then damage, not a clean end. */
    private boolean compressedDataCut;

    /**
     * @param in          the CBOR bytes (already decompressed)
     * @param totalLength the number of bytes {@code in} holds in total, asked for only when a long
     *                    byte string has to be checked; -1 when unknown (gzip)
     */
    CborInput(InputStream in, LongSupplier totalLength) {
        this.in = in;
        this.totalLength = totalLength;
    }

    /** Offset of the next unread byte from the start of the stream. */
    long position() {
        return bufferStart + pos;
    }

    /** True when the input ends here, i.e. cleanly between two items. */
    boolean atEnd() throws DamageException, IOException {
        if (ensure(1) > 0) {
            return false;
        }
        if (compressedDataCut) {
            throw DamageException.truncated("the gzip data is cut off after the last complete item");
        }
        return true;
    }

    /** Up to {@code n} bytes ahead, without consuming them; fewer at the end of the input. */
    byte[] peek(int n) throws IOException {
        int available = ensure(Math.min(n, BUFFER_SIZE));
        return Arrays.copyOfRange(buffer, pos, pos + available);
    }

    /** The initial byte of the next item without consuming it. */
    int peekInitial(String expected) throws DamageException, IOException {
        if (ensure(1) == 0) {
            throw endsEarly(expected);
        }
        return buffer[pos] & 0xff;
    }

    static int majorOf(int initial) {
        return initial >>> 5;
    }

    /**
     * For a loop over the elements of an array or map: true while element {@code i} exists. For
     * indefinite containers this consumes the closing break code.
     */
    boolean hasElement(long count, long i, String container) throws DamageException, IOException {
        if (count != INDEFINITE) {
            return i < count;
        }
        if (peekInitial("the next element of " + container + " or its end") == BREAK) {
            pos++;
            return false;
        }
        return true;
    }

    void expectBreak(String container) throws DamageException, IOException {
        long at = position();
        int initial = readByte("the end of " + container);
        if (initial != BREAK) {
            throw unexpected("the end of " + container, initial, at);
        }
    }

    long readTag(String expected) throws DamageException, IOException {
        return readHead(MAJOR_TAG, expected, false);
    }

    long readUnsigned(String expected) throws DamageException, IOException {
        return readHead(MAJOR_UNSIGNED, expected, false);
    }

    /** Element count, or {@link #INDEFINITE}. */
    long readArrayHeader(String expected) throws DamageException, IOException {
        return readHead(MAJOR_ARRAY, expected, true);
    }

    /** Entry count, or {@link #INDEFINITE}. */
    long readMapHeader(String expected) throws DamageException, IOException {
        return readHead(MAJOR_MAP, expected, true);
    }

    void readNull(String expected) throws DamageException, IOException {
        long at = position();
        int initial = readByte(expected);
        if (initial != NULL) {
            throw unexpected(expected, initial, at);
        }
    }

    String readText(String expected) throws DamageException, IOException {
        return new String(readString(MAJOR_TEXT, expected), StandardCharsets.UTF_8);
    }

    byte[] readByteString(String expected) throws DamageException, IOException {
        return readString(MAJOR_BYTES, expected);
    }

    /** An integer or floating-point number as a double (for epoch timestamps). */
    double readNumber(String expected) throws DamageException, IOException {
        long at = position();
        int initial = readByte(expected);
        return switch (initial) {
            case HALF_FLOAT -> Float.float16ToFloat((short) readArgumentBytes(2, expected));
            case SINGLE_FLOAT -> Float.intBitsToFloat((int) readArgumentBytes(4, expected));
            case DOUBLE_FLOAT -> Double.longBitsToDouble(readArgumentBytes(8, expected));
            default -> {
                int major = majorOf(initial);
                if (major != MAJOR_UNSIGNED && major != MAJOR_NEGATIVE) {
                    throw unexpected(expected, initial, at);
                }
                long value = readArgument(initial, initial & 31, expected, false, at);
                yield major == MAJOR_UNSIGNED ? value : -1.0 - value;
            }
        };
    }

    /** A human-readable name of what an initial byte starts, for error messages. */
    static String describe(int initial) {
        String name = switch (majorOf(initial)) {
            case MAJOR_UNSIGNED -> "an unsigned integer";
            case MAJOR_NEGATIVE -> "a negative integer";
            case MAJOR_BYTES -> "a byte string";
            case MAJOR_TEXT -> "a text string";
            case MAJOR_ARRAY -> "an array";
            case MAJOR_MAP -> "a map";
            case MAJOR_TAG -> "a tag";
            default -> switch (initial) {
                case 0xf4, 0xf5 -> "a boolean";
                case NULL -> "null";
                case HALF_FLOAT, SINGLE_FLOAT, DOUBLE_FLOAT -> "a float";
                case BREAK -> "a break code";
                default -> "a simple value";
            };
        };
        return String.format("%s (0x%02x)", name, initial);
    }

    static DamageException unexpected(String expected, int initial, long at) {
        return DamageException.malformed("expected " + expected + ", found " + describe(initial)
                + " at byte " + at);
    }

    private long readHead(int major, String expected, boolean indefiniteAllowed) throws DamageException, IOException {
        long at = position();
        int initial = readByte(expected);
        if (majorOf(initial) != major) {
            throw unexpected(expected, initial, at);
        }
        return readArgument(initial, initial & 31, expected, indefiniteAllowed, at);
    }

    private long readArgument(int initial, int info, String expected, boolean indefiniteAllowed, long at)
            throws DamageException, IOException {
        if (info < 24) {
            return info;
        }
        long value = switch (info) {
            case 24 -> readArgumentBytes(1, expected);
            case 25 -> readArgumentBytes(2, expected);
            case 26 -> readArgumentBytes(4, expected);
            case 27 -> readArgumentBytes(8, expected);
            case 31 -> {
                if (!indefiniteAllowed) {
                    throw unexpected(expected, initial, at);
                }
                yield INDEFINITE;
            }
            default -> throw DamageException.malformed(String.format(
                    "expected %s, found the reserved initial byte 0x%02x at byte %d", expected, initial, at));
        };
        if (info == 27 && value < 0) {
            throw DamageException.malformed("expected " + expected + ", found a value above 2^63 at byte " + at);
        }
        return value;
    }

    private long readArgumentBytes(int n, String expected) throws DamageException, IOException {
        if (ensure(n) < n) {
            throw endsEarly(expected);
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 8) | (buffer[pos++] & 0xff);
        }
        return value;
    }

    private byte[] readString(int major, String expected) throws DamageException, IOException {
        long length = readHead(major, expected, true);
        if (length != INDEFINITE) {
            return readBytes(length, expected);
        }
        // Indefinite strings are a series of definite chunks of the same major type.
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        String chunk = "a chunk of " + expected;
        while (peekInitial(chunk) != BREAK) {
            chunks.writeBytes(readBytes(readHead(major, chunk, false), expected));
        }
        pos++;
        return chunks.toByteArray();
    }

    private byte[] readBytes(long length, String what) throws DamageException, IOException {
        long start = position();
        if (length > MAX_ARRAY_LENGTH) {
            throw DamageException.malformed(what + " claims " + length
                    + " bytes, more than a Java array can hold (at byte " + start + ")");
        }
        int n = (int) length;
        if (n > TRUSTED_LENGTH) {
            long total = totalLength.getAsLong();
            if (total < 0) {
                return readGrowing(n, start, what);
            }
            if (start + n > total) {
                throw DamageException.truncated("expected " + n + " bytes of " + what + ", file ends after "
                        + (total - start));
            }
        }
        byte[] bytes = new byte[n];
        readFully(bytes, 0, n, start, what, n);
        return bytes;
    }

    private byte[] readGrowing(int n, long start, String what) throws DamageException, IOException {
        byte[] bytes = new byte[TRUSTED_LENGTH];
        int filled = 0;
        while (filled < n) {
            if (filled == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(n, 2L * bytes.length));
            }
            int chunk = bytes.length - filled;
            readFully(bytes, filled, chunk, start, what, n);
            filled += chunk;
        }
        return bytes;
    }

    /** Fills {@code dest[off, off+len)}; {@code declared} and {@code start} are for the message when the data ends. */
    private void readFully(byte[] dest, int off, int len, long start, String what, long declared)
            throws DamageException, IOException {
        int fromBuffer = Math.min(len, limit - pos);
        System.arraycopy(buffer, pos, dest, off, fromBuffer);
        pos += fromBuffer;
        off += fromBuffer;
        len -= fromBuffer;
        if (len == 0) {
            return;
        }
        // The buffer is drained; big reads go straight into the destination to save a copy.
        bufferStart += limit;
        pos = 0;
        limit = 0;
        if (len < BUFFER_SIZE / 2) {
            int available = ensure(len);
            System.arraycopy(buffer, 0, dest, off, available);
            pos = available;
            if (available < len) {
                throw bytesEndEarly(declared, start, what);
            }
            return;
        }
        while (len > 0) {
            int n = eof ? -1 : read(dest, off, Math.min(len, SLICE));
            if (n < 0) {
                eof = true;
                throw bytesEndEarly(declared, start, what);
            }
            bufferStart += n;
            off += n;
            len -= n;
        }
    }

    private int readByte(String expected) throws DamageException, IOException {
        if (pos == limit && ensure(1) == 0) {
            throw endsEarly(expected);
        }
        return buffer[pos++] & 0xff;
    }

    /** Makes at least {@code n} bytes available in the buffer unless the input ends; returns how many are. */
    private int ensure(int n) throws IOException {
        while (limit - pos < n && !eof) {
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                bufferStart += pos;
                limit -= pos;
                pos = 0;
            }
            int read = read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return Math.min(n, limit - pos);
    }

    private int read(byte[] dest, int off, int len) throws IOException {
        try {
            return in.read(dest, off, len);
        } catch (EOFException e) {
            // GZIPInputStream's way of saying the compressed stream stops mid-way.
            compressedDataCut = true;
            return -1;
        } catch (ZipException e) {
            throw new CorruptCompressionException(e);
        }
    }

    private DamageException endsEarly(String expected) {
        return DamageException.truncated("expected " + expected + ", " + endWording()
                + " at byte " + position());
    }

    private DamageException bytesEndEarly(long declared, long start, String what) {
        return DamageException.truncated("expected " + declared + " bytes of " + what + ", "
                + endWording() + " after " + (position() - start));
    }

    private String endWording() {
        return compressedDataCut ? "the gzip data is cut off" : "file ends";
    }

    /**
     * Broken deflate data: an IOException so that it passes through {@link #ensure}, recognised by
     * the readers and reported as corruption rather than as an I/O failure.
     */
    static final class CorruptCompressionException extends IOException {
        CorruptCompressionException(ZipException cause) {
            super("the gzip data is corrupt: " + cause.getMessage(), cause);
        }
    }
}
