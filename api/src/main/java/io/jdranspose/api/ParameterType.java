package io.jdranspose.api;

/** The typed kinds of parameter; {@link #wireName()} is the {@code dtype} of dranspose's descriptions. */
public enum ParameterType {
    INT("int"), FLOAT("float"), STRING("str"), BOOL("bool"), BINARY("binary"), ENUM("enum");

    private final String wireName;

    ParameterType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
