package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One field of a compound record (see {@link CompoundDataset}): a number of a {@link DType}, or an ASCII
 * string of at most {@code stringLength} bytes (HDF5 fixed-length, NUL-padded; h5pyd cannot read
 * fixed-length UTF-8). In a record the fields are packed in declared order, little endian, without padding.
 *
 * @param name         the field name: printable ASCII, as h5pyd requires
 * @param dtype        the numeric type, or {@code null} for a string field
 * @param stringLength the string field's size in bytes, 0 for a numeric field
 */
public record Field(String name, DType dtype, int stringLength) {
    public Field {
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f) || name.contains("/")) {
            throw new IllegalArgumentException("invalid field name '" + name + "': use printable ASCII without '/'");
        }
        if (dtype == null ? stringLength <= 0 : stringLength != 0) {
            throw new IllegalArgumentException("field '" + name + "' must be either numeric or a string of positive length");
        }
    }

    /** A numeric field. */
    public static Field of(String name, DType dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException("field '" + name + "' needs a dtype");
        }
        return new Field(name, dtype, 0);
    }

    /** An ASCII string field holding at most {@code maxBytes} characters. */
    public static Field string(String name, int maxBytes) {
        return new Field(name, null, maxBytes);
    }

    public boolean isString() {
        return dtype == null;
    }

    /** Bytes the field takes in a packed record. */
    public int size() {
        return isString() ? stringLength : dtype.itemSize();
    }

    /**
     * Packs {@code value} at {@code offset}: numbers (and booleans) are converted to the field's type as
     * numpy's {@code astype} would, strings must be ASCII and fit.
     *
     * @throws IllegalArgumentException naming the field when the value does not fit it
     */
    void write(ByteBuffer record, int offset, Object value) {
        if (isString()) {
            if (!(value instanceof CharSequence text)) {
                throw mismatch(value, "a string");
            }
            if (!text.chars().allMatch(c -> c < 0x80)) {
                throw new IllegalArgumentException("field '" + name + "' holds ASCII only, not '" + text + "'");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
            if (bytes.length > stringLength) {
                throw new IllegalArgumentException("field '" + name + "' holds at most " + stringLength + " characters, not "
                        + bytes.length + " ('" + text + "')");
            }
            record.put(offset, bytes);
            for (int i = bytes.length; i < stringLength; i++) {
                record.put(offset + i, (byte) 0);
            }
            return;
        }
        if (value instanceof Boolean b) {
            writeLong(record, offset, b ? 1 : 0);
        } else if (value instanceof Number n) {
            if (dtype.isFloat()) {
                writeDouble(record, offset, n.doubleValue());
            } else if (n instanceof Double || n instanceof Float) {
                writeLong(record, offset, dtype == DType.BOOL ? (n.doubleValue() != 0 ? 1 : 0) : (long) n.doubleValue());
            } else {
                writeLong(record, offset, dtype == DType.BOOL ? (n.longValue() != 0 ? 1 : 0) : n.longValue());
            }
        } else {
            throw mismatch(value, "a number");
        }
    }

    /** Reads the field at {@code offset}: String, Boolean, Long (uint64 as its raw bits), Float or Double. */
    Object read(ByteBuffer record, int offset) {
        if (isString()) {
            int end = 0;
            while (end < stringLength && record.get(offset + end) != 0) {
                end++;
            }
            byte[] bytes = new byte[end];
            record.get(offset, bytes);
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return switch (dtype) {
            case BOOL -> record.get(offset) != 0;
            case INT8 -> (long) record.get(offset);
            case UINT8 -> (long) Byte.toUnsignedInt(record.get(offset));
            case INT16 -> (long) record.getShort(offset);
            case UINT16 -> (long) Short.toUnsignedInt(record.getShort(offset));
            case INT32 -> (long) record.getInt(offset);
            case UINT32 -> Integer.toUnsignedLong(record.getInt(offset));
            case INT64, UINT64 -> record.getLong(offset);
            case FLOAT32 -> record.getFloat(offset);
            case FLOAT64 -> record.getDouble(offset);
        };
    }

    private void writeLong(ByteBuffer record, int offset, long v) {
        switch (dtype.itemSize()) {
            case 1 -> record.put(offset, (byte) v);
            case 2 -> record.putShort(offset, (short) v);
            case 4 -> {
                if (dtype.isFloat()) {
                    record.putFloat(offset, v);
                } else {
                    record.putInt(offset, (int) v);
                }
            }
            default -> {
                if (dtype.isFloat()) {
                    record.putDouble(offset, v);
                } else {
                    record.putLong(offset, v);
                }
            }
        }
    }

    private void writeDouble(ByteBuffer record, int offset, double v) {
        if (dtype == DType.FLOAT32) {
            record.putFloat(offset, (float) v);
        } else {
            record.putDouble(offset, v);
        }
    }

    private IllegalArgumentException mismatch(Object value, String expected) {
        return new IllegalArgumentException("field '" + name + "' needs " + expected + ", not "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }
}
