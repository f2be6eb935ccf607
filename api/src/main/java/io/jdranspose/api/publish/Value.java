package io.jdranspose.api.publish;

/** An immutable snapshot of a dataset's or attribute's content. */
public sealed interface Value permits NumericValue, StringValue, CompoundValue {
    /** Dimensions; empty for a scalar. */
    long[] shape();

    /** Number of elements (1 for a scalar). */
    default long size() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    /**
     * Converts a Java value into a snapshot: {@code String}, {@code String[]} / {@code List<String>},
     * boxed numbers and booleans, and primitive arrays of any rank (rectangular).
     *
     * @throws IllegalArgumentException for anything else, naming its class
     */
    static Value of(Object value) {
        if (value instanceof Value v) {
            return v;
        }
        if (value instanceof String s) {
            return StringValue.scalar(s);
        }
        if (value instanceof String[] a) {
            return StringValue.of(java.util.List.of(a));
        }
        if (value instanceof java.util.List<?> list && list.stream().allMatch(o -> o instanceof String)) {
            @SuppressWarnings("unchecked")
            java.util.List<String> strings = (java.util.List<String>) list;
            return StringValue.of(strings);
        }
        return NumericValue.of(value);
    }
}
