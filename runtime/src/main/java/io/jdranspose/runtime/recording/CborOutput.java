package io.jdranspose.runtime.recording;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered writer of CBOR heads and strings in the encoding upstream's cbor2 produces: definite
 * lengths and the shortest form of every integer argument.
 */
final class CborOutput implements Closeable {

    private static final int BUFFER_SIZE = 1 << 16;
    /** Byte strings at least this long skip the buffer: copying megabyte frames would halve throughput. */
    private static final int DIRECT_WRITE = 1 << 14;
    /**
     * Direct writes go out in slices of this size: the JDK stages each write in native memory of the
     * same size (and caches it per thread), which for a gigabyte frame would be a gigabyte.
     */
    private static final int SLICE = 1 << 20;

    private final OutputStream sink;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int count;

    CborOutput(OutputStream sink) {
        this.sink = sink;
    }

    /** Pre-encoded bytes, such as a fixed tag sequence. */
    void writeRaw(byte[] bytes) throws IOException {
        if (bytes.length >= DIRECT_WRITE) {
            flushBuffer();
            for (int off = 0; off < bytes.length; off += SLICE) {
                sink.write(bytes, off, Math.min(SLICE, bytes.length - off));
            }
            return;
        }
        if (buffer.length - count < bytes.length) {
            flushBuffer();
        }
        System.arraycopy(bytes, 0, buffer, count, bytes.length);
        count += bytes.length;
    }

    /** An initial byte with its argument (a count, length, tag number or unsigned value), shortest form. */
    void writeHead(int major, long argument) throws IOException {
        if (argument < 0) {
            throw new IllegalArgumentException("CBOR arguments are unsigned: " + argument);
        }
        if (buffer.length - count < 9) {
            flushBuffer();
        }
        int type = major << 5;
        if (argument < 24) {
            buffer[count++] = (byte) (type | argument);
        } else if (argument <= 0xff) {
            buffer[count++] = (byte) (type | 24);
            buffer[count++] = (byte) argument;
        } else if (argument <= 0xffff) {
            buffer[count++] = (byte) (type | 25);
            putBigEndian(argument, 2);
        } else if (argument <= 0xffff_ffffL) {
            buffer[count++] = (byte) (type | 26);
            putBigEndian(argument, 4);
        } else {
            buffer[count++] = (byte) (type | 27);
            putBigEndian(argument, 8);
        }
    }

    void writeText(String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeHead(CborInput.MAJOR_TEXT, utf8.length);
        writeRaw(utf8);
    }

    void writeByteString(byte[] bytes) throws IOException {
        writeHead(CborInput.MAJOR_BYTES, bytes.length);
        writeRaw(bytes);
    }

    /** Hands buffered bytes to the stream and flushes it (into the OS, not to the disk). */
    void flush() throws IOException {
        flushBuffer();
        sink.flush();
    }

    private void putBigEndian(long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            buffer[count++] = (byte) (value >>> shift);
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            sink.write(buffer, 0, count);
            count = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try (sink) {
            flushBuffer();
        }
    }
}
