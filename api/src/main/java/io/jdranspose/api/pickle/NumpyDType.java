package io.jdranspose.api.pickle;

import io.jdranspose.api.DType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A {@code numpy.dtype} being unpickled: made by {@code dtype('f8', False, True)}, then given its byte order
 * by BUILD with the state {@code (3, '<', None, None, None, -1, -1, 0)}.
 */
final class NumpyDType {
    final DType dtype;
    ByteOrder order;

    private NumpyDType(DType dtype, ByteOrder order) {
        this.dtype = dtype;
        this.order = order;
    }

    static NumpyDType of(String code) {
        try {
            return new NumpyDType(DType.fromNumpy(code), code.startsWith(">") ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN);
        } catch (IllegalArgumentException e) {
            throw new NumpyFormatException("numpy dtype '" + PickleReader.preview(code)
                    + "' is not supported (numeric types only)");
        }
    }

    void setState(List<Object> state) {
        if (state.size() < 8 || !(state.get(1) instanceof String endian)) {
            throw new NumpyFormatException("numpy dtype state has " + state.size() + " items, expected 8 or 9"
                    + " starting (version, byte order, …)");
        }
        if (state.get(2) != null || state.get(3) != null || state.get(4) != null) {
            throw new NumpyFormatException("structured or sub-array numpy dtypes are not supported");
        }
        order = switch (endian) {
            case ">" -> ByteOrder.BIG_ENDIAN;
            case "<", "|" -> ByteOrder.LITTLE_ENDIAN;
            case "=" -> ByteOrder.nativeOrder();
            default -> throw new NumpyFormatException("numpy dtype byte order '" + PickleReader.preview(endian)
                    + "' is not one of < > | =");
        };
    }

    /** A numpy scalar from its raw bytes. */
    Object scalar(byte[] raw) {
        if (raw.length != dtype.itemSize()) {
            throw new NumpyFormatException("numpy " + dtype.numpyName() + " scalar has " + raw.length
                    + " bytes, expected " + dtype.itemSize());
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        return switch (dtype) {
            case BOOL -> raw[0] != 0;
            case INT8 -> (long) raw[0];
            case UINT8 -> (long) (raw[0] & 0xFF);
            case INT16 -> (long) b.getShort();
            case UINT16 -> (long) (b.getShort() & 0xFFFF);
            case INT32 -> (long) b.getInt();
            case UINT32 -> b.getInt() & 0xFFFFFFFFL;
            case INT64 -> b.getLong();
            case UINT64 -> {
                long v = b.getLong();
                yield v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
            }
            case FLOAT32 -> (double) b.getFloat();
            case FLOAT64 -> b.getDouble();
        };
    }
}
