package io.jdranspose.api.pickle;

import java.util.Arrays;

/** The Python callables a pickle may name, under every module path numpy 1, numpy 2 and Python 2 use. */
enum Callee {
    RECONSTRUCT("numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct"),
    NDARRAY("numpy.ndarray"),
    DTYPE("numpy.dtype"),
    SCALAR("numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar"),
    ORDERED_DICT("collections.OrderedDict"),
    ENCODE("_codecs.encode"),
    BYTEARRAY("builtins.bytearray", "__builtin__.bytearray"),
    /** Protocol 2 writes an empty {@code bytes} as {@code bytes()}. */
    BYTES("builtins.bytes", "__builtin__.bytes");

    private final String[] names;

    Callee(String... names) {
        this.names = names;
    }

    String qualifiedName() {
        return names[0];
    }

    static Callee of(String qualifiedName) {
        for (Callee c : values()) {
            for (String n : c.names) {
                if (n.equals(qualifiedName)) {
                    return c;
                }
            }
        }
        return null;
    }

    static String[] names() {
        return Arrays.stream(values()).flatMap(c -> Arrays.stream(c.names)).toArray(String[]::new);
    }
}
