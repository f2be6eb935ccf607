package io.jdranspose.api;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Element type of a numeric array: detector pixels, published datasets and attributes.
 * Names follow numpy ({@code uint16}, {@code float32}), which is what detector headers carry.
 * Unsigned values are stored in the signed Java type of the same width (uint16 in a {@code short}).
 */
public enum DType {
    BOOL("bool", 1, Kind.BOOL),
    INT8("int8", 1, Kind.SIGNED),
    UINT8("uint8", 1, Kind.UNSIGNED),
    INT16("int16", 2, Kind.SIGNED),
    UINT16("uint16", 2, Kind.UNSIGNED),
    INT32("int32", 4, Kind.SIGNED),
    UINT32("uint32", 4, Kind.UNSIGNED),
    INT64("int64", 8, Kind.SIGNED),
    UINT64("uint64", 8, Kind.UNSIGNED),
    FLOAT32("float32", 4, Kind.FLOAT),
    FLOAT64("float64", 8, Kind.FLOAT);

    /** How the bits of an element are read. */
    public enum Kind { BOOL, SIGNED, UNSIGNED, FLOAT }

    private final String numpyName;
    private final int itemSize;
    private final Kind kind;

    DType(String numpyName, int itemSize, Kind kind) {
        this.numpyName = numpyName;
        this.itemSize = itemSize;
        this.kind = kind;
    }

    public String numpyName() { return numpyName; }

    public int itemSize() { return itemSize; }

    public Kind kind() { return kind; }

    public boolean isFloat() { return kind == Kind.FLOAT; }

    public boolean isUnsigned() { return kind == Kind.UNSIGNED; }

    /**
     * Parses a numpy dtype string: a name ({@code uint16}, {@code float}), a kind and size ({@code <u2},
     * {@code >f4}, {@code |u1}, {@code i8}, {@code b1}) or a one-character code ({@code H}, {@code <f}, {@code d}),
     * each with an optional byte-order prefix {@code < > | = !}.
     *
     * @throws IllegalArgumentException naming the string when it is not a supported numeric dtype
     */
    public static DType fromNumpy(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing dtype");
        }
        String s = text.trim();
        if (!s.isEmpty() && "<>|=!".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1);
        }
        if (s.length() == 1) {
            DType single = fromCharCode(s.charAt(0));
            if (single != null) {
                return single;
            }
        }
        s = s.toLowerCase(Locale.ROOT);
        switch (s) {
            case "float", "double" -> {
                return FLOAT64;
            }
            case "single" -> {
                return FLOAT32;
            }
            case "bool_" -> {
                return BOOL;
            }
            default -> {
            }
        }
        for (DType t : values()) {
            if (t.numpyName.equals(s)) {
                return t;
            }
        }
        if (s.length() >= 2) {
            char code = s.charAt(0);
            int size;
            try {
                size = Integer.parseInt(s.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unsupported dtype '" + text + "'");
            }
            for (DType t : values()) {
                if (t.itemSize == size && code == t.typeCode()) {
                    return t;
                }
            }
        }
        if (s.equals("?")) {
            return BOOL;
        }
        throw new IllegalArgumentException("unsupported dtype '" + text + "'");
    }

    /**
     * Byte order a numpy dtype string asks for: big endian when it starts with {@code >} or {@code !}, otherwise
     * little endian (numpy's {@code =} and {@code |} mean native or irrelevant, and detectors are little endian).
     */
    public static ByteOrder byteOrderOf(String numpy) {
        String s = numpy == null ? "" : numpy.trim();
        return s.startsWith(">") || s.startsWith("!") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** numpy's one-character type codes ({@code np.dtype('H')} is uint16), which are case sensitive. */
    private static DType fromCharCode(char code) {
        return switch (code) {
            case '?' -> BOOL;
            case 'b' -> INT8;
            case 'B' -> UINT8;
            case 'h' -> INT16;
            case 'H' -> UINT16;
            case 'i' -> INT32;
            case 'I' -> UINT32;
            case 'l', 'q' -> INT64;
            case 'L', 'Q' -> UINT64;
            case 'f' -> FLOAT32;
            case 'd' -> FLOAT64;
            default -> null;
        };
    }

    private char typeCode() {
        return switch (kind) {
            case BOOL -> 'b';
            case SIGNED -> 'i';
            case UNSIGNED -> 'u';
            case FLOAT -> 'f';
        };
    }

    /** The Java element class used to hold this type in a flat array. */
    public Class<?> storageClass() {
        return switch (this) {
            case BOOL, INT8, UINT8 -> byte.class;
            case INT16, UINT16 -> short.class;
            case INT32, UINT32 -> int.class;
            case INT64, UINT64 -> long.class;
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
        };
    }
}
