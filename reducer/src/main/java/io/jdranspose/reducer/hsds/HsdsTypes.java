package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.CompoundValue;
import io.jdranspose.api.publish.Field;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.api.publish.Value;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The type and shape JSON of HSDS (hsds-api.md §2). Numeric types name the byte order their binary answers
 * use ({@code …LE} unless a dataset was created big endian); attributes and compound fields are always
 * little endian. Booleans travel as the one enum both h5pyd and h5web turn into bool. Compound string
 * fields are fixed-length ASCII, the only fixed-length strings h5pyd reads. Returned nodes are fresh
 * copies, so callers may embed them in a response tree.
 */
final class HsdsTypes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<DType, ObjectNode> NUMERIC = new EnumMap<>(DType.class);
    private static final Map<DType, ObjectNode> NUMERIC_BE = new EnumMap<>(DType.class);
    private static final ObjectNode VLEN_UTF8_STRING = JSON.objectNode()
            .put("class", "H5T_STRING")
            .put("charSet", "H5T_CSET_UTF8")
            .put("length", "H5T_VARIABLE")
            .put("strPad", "H5T_STR_NULLTERM");

    static {
        for (DType t : DType.values()) {
            NUMERIC.put(t, build(t, ByteOrder.LITTLE_ENDIAN));
            NUMERIC_BE.put(t, build(t, ByteOrder.BIG_ENDIAN));
        }
    }

    private HsdsTypes() {
    }

    static ObjectNode of(DType dtype) {
        return NUMERIC.get(dtype).deepCopy();
    }

    static ObjectNode of(DType dtype, ByteOrder order) {
        return (order == ByteOrder.BIG_ENDIAN ? NUMERIC_BE : NUMERIC).get(dtype).deepCopy();
    }

    /** {@code H5T_COMPOUND} with the fields in declared order. */
    static ObjectNode compound(List<Field> fields) {
        ObjectNode type = JSON.objectNode().put("class", "H5T_COMPOUND");
        var list = type.putArray("fields");
        for (Field f : fields) {
            ObjectNode field = list.addObject().put("name", f.name());
            field.set("type", f.isString() ? fixedAsciiString(f.stringLength()) : of(f.dtype()));
        }
        return type;
    }

    static ObjectNode fixedAsciiString(int length) {
        return JSON.objectNode()
                .put("class", "H5T_STRING")
                .put("charSet", "H5T_CSET_ASCII")
                .put("length", length)
                .put("strPad", "H5T_STR_NULLPAD");
    }

    static ObjectNode string() {
        return VLEN_UTF8_STRING.deepCopy();
    }

    static ObjectNode of(Value value) {
        return switch (value) {
            case NumericValue n -> of(n.dtype());
            case StringValue s -> string();
            case CompoundValue c -> compound(c.fields());
        };
    }

    /** {@code H5S_SCALAR} for an empty shape, otherwise {@code H5S_SIMPLE} with {@code dims}. */
    static ObjectNode shape(long[] dims) {
        ObjectNode shape = JSON.objectNode();
        if (dims.length == 0) {
            return shape.put("class", "H5S_SCALAR");
        }
        shape.put("class", "H5S_SIMPLE");
        var array = shape.putArray("dims");
        for (long d : dims) {
            array.add(d);
        }
        return shape;
    }

    /** The predefined base name, e.g. {@code H5T_STD_U16LE} or {@code H5T_IEEE_F32BE}. */
    static String baseName(DType t, ByteOrder order) {
        String suffix = order == ByteOrder.BIG_ENDIAN ? "BE" : "LE";
        return switch (t.kind()) {
            case FLOAT -> "H5T_IEEE_F" + t.itemSize() * 8 + suffix;
            case SIGNED -> "H5T_STD_I" + t.itemSize() * 8 + suffix;
            case UNSIGNED -> "H5T_STD_U" + t.itemSize() * 8 + suffix;
            case BOOL -> "H5T_STD_I8" + suffix;
        };
    }

    private static ObjectNode build(DType t, ByteOrder order) {
        return switch (t.kind()) {
            case FLOAT -> JSON.objectNode().put("class", "H5T_FLOAT").put("base", baseName(t, order));
            case SIGNED, UNSIGNED -> JSON.objectNode().put("class", "H5T_INTEGER").put("base", baseName(t, order));
            case BOOL -> {
                ObjectNode e = JSON.objectNode().put("class", "H5T_ENUM");
                e.putObject("base").put("class", "H5T_INTEGER").put("base", baseName(t, order));
                e.putObject("mapping").put("FALSE", 0).put("TRUE", 1);
                yield e;
            }
        };
    }
}
