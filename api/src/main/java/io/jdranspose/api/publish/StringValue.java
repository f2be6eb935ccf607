package io.jdranspose.api.publish;

import java.util.List;

/** A scalar string or a 1-D list of strings (published as variable-length UTF-8). */
public record StringValue(boolean scalar, List<String> strings) implements Value {
    public StringValue {
        strings = List.copyOf(strings);
        if (scalar && strings.size() != 1) {
            throw new IllegalArgumentException("a scalar string value holds exactly one string");
        }
    }

    public static StringValue scalar(String s) {
        return new StringValue(true, List.of(s));
    }

    public static StringValue of(List<String> strings) {
        return new StringValue(false, strings);
    }

    @Override
    public long[] shape() {
        return scalar ? new long[0] : new long[] {strings.size()};
    }
}
