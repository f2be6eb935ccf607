package io.jdranspose.api.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The vectors made by {@code make_vectors.py} beside them, and the pattern their values follow. */
final class Vectors {
    private Vectors() {
    }

    static byte[] read(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector " + name + ": run make_vectors.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** make_vectors.py's pattern(n, dtype, period) as little-endian bytes of {@code itemSize}-byte items. */
    static byte[] pattern(int n, int itemSize, int period) {
        ByteBuffer b = ByteBuffer.allocate(n * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            long bits = ((i % period) * 0x9E3779B97F4A7C15L) ^ (i >>> 11);
            switch (itemSize) {
                case 1 -> b.put((byte) bits);
                case 2 -> b.putShort((short) bits);
                case 4 -> b.putInt((int) bits);
                default -> b.putLong(bits);
            }
        }
        return b.array();
    }
}
