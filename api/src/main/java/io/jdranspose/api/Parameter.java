package io.jdranspose.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A typed parameter a plugin declares. Values travel as bytes (as in dranspose: {@code 42}, {@code 0.5},
 * {@code True}, UTF-8 text, raw binary) and arrive typed through {@link Parameters#get(Parameter)}.
 *
 * <pre>{@code
 * static final Parameter<Long> X0 = Parameter.integer("roi_x0", 0, "left edge of the ROI");
 * }</pre>
 */
public final class Parameter<T> {
    private final String name;
    private final ParameterType type;
    private final T defaultValue;
    private final String description;
    private final List<String> choices;

    private Parameter(String name, ParameterType type, T defaultValue, String description, List<String> choices) {
        if (name == null || name.isBlank() || name.contains(":") || name.contains("/")) {
            throw new IllegalArgumentException("invalid parameter name '" + name + "' (must be non-empty, without ':' or '/')");
        }
        this.name = name;
        this.type = type;
        this.defaultValue = Objects.requireNonNull(defaultValue, "default value of parameter " + name);
        this.description = description;
        this.choices = choices;
    }

    public static Parameter<Long> integer(String name, long defaultValue, String description) {
        return new Parameter<>(name, ParameterType.INT, defaultValue, description, List.of());
    }

    public static Parameter<Double> floating(String name, double defaultValue, String description) {
        return new Parameter<>(name, ParameterType.FLOAT, defaultValue, description, List.of());
    }

    public static Parameter<String> string(String name, String defaultValue, String description) {
        return new Parameter<>(name, ParameterType.STRING, defaultValue, description, List.of());
    }

    public static Parameter<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Parameter<>(name, ParameterType.BOOL, defaultValue, description, List.of());
    }

    public static Parameter<byte[]> binary(String name, byte[] defaultValue, String description) {
        return new Parameter<>(name, ParameterType.BINARY, defaultValue.clone(), description, List.of());
    }

    /** A string restricted to the given choices; the default must be one of them. */
    public static Parameter<String> choice(String name, String defaultValue, String description, String... choices) {
        List<String> list = List.of(choices);
        if (!list.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of parameter " + name + " is not one of " + list);
        }
        return new Parameter<>(name, ParameterType.ENUM, defaultValue, description, list);
    }

    public String name() { return name; }

    public ParameterType type() { return type; }

    public T defaultValue() {
        return defaultValue instanceof byte[] b ? cast(b.clone()) : defaultValue;
    }

    /** Human description, or {@code null}. */
    public String description() { return description; }

    /** Allowed values of an {@link ParameterType#ENUM} parameter; empty otherwise. */
    public List<String> choices() { return choices; }

    /**
     * Turns the wire bytes into a value.
     *
     * @throws IllegalArgumentException naming the parameter and the offending text
     */
    public T parse(byte[] raw) {
        String text = type == ParameterType.BINARY ? null : new String(raw, StandardCharsets.UTF_8);
        return switch (type) {
            case BINARY -> cast(raw.clone());
            case STRING -> cast(text);
            case INT -> {
                try {
                    yield cast(Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    throw invalid(text, "an integer");
                }
            }
            case FLOAT -> cast(parseFloat(text));
            case BOOL -> {
                String t = text.trim();
                if (t.equals("True") || t.equalsIgnoreCase("true") || t.equals("1")) {
                    yield cast(Boolean.TRUE);
                }
                if (t.equals("False") || t.equalsIgnoreCase("false") || t.equals("0")) {
                    yield cast(Boolean.FALSE);
                }
                throw invalid(text, "True or False");
            }
            case ENUM -> {
                if (!choices.contains(text)) {
                    throw invalid(text, "one of " + choices);
                }
                yield cast(text);
            }
        };
    }

    /** The wire bytes of a value, in the format dranspose uses ({@code True}, Python float repr, …). */
    public byte[] encode(T value) {
        Objects.requireNonNull(value, "value of parameter " + name);
        String text = switch (type) {
            case BINARY -> null;
            case BOOL -> ((Boolean) value) ? "True" : "False";
            case FLOAT -> formatFloat((Double) value);
            default -> value.toString();
        };
        return text == null ? ((byte[]) value).clone() : text.getBytes(StandardCharsets.UTF_8);
    }

    private Double parseFloat(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan", "+nan", "-nan" -> { return Double.NaN; }
            case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        if (t.isEmpty() || t.endsWith("d") || t.endsWith("f") || t.startsWith("0x")) {
            throw invalid(text, "a number");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw invalid(text, "a number");
        }
    }

    private static String formatFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    private IllegalArgumentException invalid(String text, String expected) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return new IllegalArgumentException("parameter '" + name + "' (" + type.wireName() + "): '" + shown
                + "' is not " + expected);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    @Override
    public String toString() {
        Object shown = defaultValue instanceof byte[] b ? Arrays.toString(b) : defaultValue;
        return "Parameter[" + name + ": " + type.wireName() + " = " + shown + "]";
    }
}
