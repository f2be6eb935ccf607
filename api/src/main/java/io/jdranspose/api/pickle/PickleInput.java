package io.jdranspose.api.pickle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The pickle bytes with a read position; every length is checked against what is left before copying. */
final class PickleInput {
    private final byte[] data;
    private int pos;
    private int opcodeAt;

    PickleInput(byte[] data) {
        this.data = data;
    }

    void startOpcode() {
        opcodeAt = pos;
        if (pos >= data.length) {
            throw new PickleException("truncated: ends without STOP", pos);
        }
    }

    int opcodeOffset() {
        return opcodeAt;
    }

    private void need(long n, String opcode) {
        if (n < 0 || n > data.length - pos) {
            throw new PickleException("truncated or bad length: " + opcode + " needs " + n + " bytes, "
                    + (data.length - pos) + " left", opcodeAt);
        }
    }

    int u8(String opcode) {
        need(1, opcode);
        return data[pos++] & 0xFF;
    }

    int u16(String opcode) {
        need(2, opcode);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int i32(String opcode) {
        need(4, opcode);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16 | data[pos + 3] << 24;
        pos += 4;
        return v;
    }

    long u32(String opcode) {
        return Integer.toUnsignedLong(i32(opcode));
    }

    long i64(String opcode) {
        need(8, opcode);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    long i64be(String opcode) {
        need(8, opcode);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(long n, String opcode) {
        need(n, opcode);
        byte[] b = Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return b;
    }

    /** A protocol 0 text argument up to (not including) the newline. */
    String line(String opcode) {
        for (int i = pos; i < data.length; i++) {
            if (data[i] == '\n') {
                String s = new String(data, pos, i - pos, StandardCharsets.ISO_8859_1);
                pos = i + 1;
                return s;
            }
        }
        throw new PickleException("truncated: " + opcode + " argument has no newline", opcodeAt);
    }
}
