package io.jdranspose.runtime.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reading and writing the few field types of our headers, with errors that say which field is short. */
final class WireBuffer {
    private WireBuffer() {
    }

    static int stringSize(String s) {
        return 2 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    static void putString(ByteBuffer buffer, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("name longer than 65535 bytes");
        }
        buffer.putShort((short) bytes.length).put(bytes);
    }

    static String getString(ByteBuffer buffer, String what) {
        try {
            int length = Short.toUnsignedInt(buffer.getShort());
            if (length > buffer.remaining()) {
                throw new WireFormatException(what + " claims " + length + " bytes, only " + buffer.remaining() + " left");
            }
            String s = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return s;
        } catch (BufferUnderflowException e) {
            throw new WireFormatException("header ends inside " + what);
        }
    }

    static long getLong(ByteBuffer buffer, String what) {
        try {
            return buffer.getLong();
        } catch (BufferUnderflowException e) {
            throw new WireFormatException("header ends inside " + what);
        }
    }

    static int getInt(ByteBuffer buffer, String what) {
        try {
            return buffer.getInt();
        } catch (BufferUnderflowException e) {
            throw new WireFormatException("header ends inside " + what);
        }
    }

    static void expectMagic(ByteBuffer buffer, int magic, String kind) {
        if (buffer.remaining() < 4 || buffer.getInt() != magic) {
            throw new WireFormatException("not a " + kind + " (bad magic)");
        }
    }
}
