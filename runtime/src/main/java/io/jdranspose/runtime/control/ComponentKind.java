package io.jdranspose.runtime.control;

import java.util.Locale;

/** The kinds of component that register in Redis. */
public enum ComponentKind {
    INGESTER, WORKER, REDUCER;

    /** Lower-case name used in keys and JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Names go into Redis keys and ZeroMQ identities: no ':' or '*', not blank, printable ASCII. */
    public static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("component name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == '*' || c <= ' ' || c > '~') {
                throw new IllegalArgumentException("component name '" + name + "' must be printable ASCII without ':', '*' or spaces");
            }
        }
        return name;
    }
}
