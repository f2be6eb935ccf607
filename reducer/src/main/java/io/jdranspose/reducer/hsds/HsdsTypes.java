package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.api.publish.Value;
import java.util.EnumMap;
import java.util.Map;

/**
 * The type and shape JSON of HSDS (hsds-api.md §2). Everything is little endian, as the Java arrays are
 * encoded that way on the wire. Booleans travel as the one enum both h5pyd and h5web turn into bool.
 * Returned nodes are fresh copies, so callers may embed them in a response tree.
 */
final class HsdsTypes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<DType, ObjectNode> NUMERIC = new EnumMap<>(DType.class);
    private static final ObjectNode VLEN_UTF8_STRING = JSON.objectNode()
            .put("class", "H5T_STRING")
            .put("charSet", "H5T_CSET_UTF8")
            .put("length", "H5T_VARIABLE")
            .put("strPad", "H5T_STR_NULLTERM");

    static {
        for (DType t : DType.values()) {
            NUMERIC.put(t, build(t));
        }
    }

    private HsdsTypes() {
    }

    static ObjectNode of(DType dtype) {
        return NUMERIC.get(dtype).deepCopy();
    }

    static ObjectNode string() {
        return VLEN_UTF8_STRING.deepCopy();
    }

    static ObjectNode of(Value value) {
        return switch (value) {
            case NumericValue n -> of(n.dtype());
            case StringValue s -> string();
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

    /** The predefined base name, e.g. {@code H5T_STD_U16LE} or {@code H5T_IEEE_F32LE}. */
    static String baseName(DType t) {
        return switch (t.kind()) {
            case FLOAT -> "H5T_IEEE_F" + t.itemSize() * 8 + "LE";
            case SIGNED -> "H5T_STD_I" + t.itemSize() * 8 + "LE";
            case UNSIGNED -> "H5T_STD_U" + t.itemSize() * 8 + "LE";
            case BOOL -> "H5T_STD_I8LE";
        };
    }

    private static ObjectNode build(DType t) {
        return switch (t.kind()) {
            case FLOAT -> JSON.objectNode().put("class", "H5T_FLOAT").put("base", baseName(t));
            case SIGNED, UNSIGNED -> JSON.objectNode().put("class", "H5T_INTEGER").put("base", baseName(t));
            case BOOL -> {
                ObjectNode e = JSON.objectNode().put("class", "H5T_ENUM");
                e.putObject("base").put("class", "H5T_INTEGER").put("base", baseName(t));
                e.putObject("mapping").put("FALSE", 0).put("TRUE", 1);
                yield e;
            }
        };
    }
}
