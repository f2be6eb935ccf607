package io.jdranspose.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * An immutable set of parameter values as a plugin sees them during one event or result: raw bytes
 * by name, typed values for the declared parameters, and the hash that identifies the set.
 */
public final class Parameters {
    private static final Parameters EMPTY = new Parameters(Map.of(), Map.of(), hashOf(Map.of()));

    private final Map<String, byte[]> raw;
    private final Map<String, Object> typed;
    private final String hash;

    private Parameters(Map<String, byte[]> raw, Map<String, Object> typed, String hash) {
        this.raw = raw;
        this.typed = typed;
        this.hash = hash;
    }

    public static Parameters empty() {
        return EMPTY;
    }

    /**
     * Builds a set from raw values and the declared parameters. Declared parameters without a value get
     * their default, also as raw bytes (so that they can be read back like any other value, as in
     * dranspose); every declared value must parse.
     *
     * @throws IllegalArgumentException listing every value that does not parse
     */
    public static Parameters of(Map<String, byte[]> rawValues, Collection<? extends Parameter<?>> declared) {
        return of(rawValues, declared, null);
    }

    /**
     * Like {@link #of(Map, Collection)} with a hash computed elsewhere (the controller's); {@code null}
     * computes the content hash of the values including the defaults.
     */
    public static Parameters of(Map<String, byte[]> rawValues, Collection<? extends Parameter<?>> declared, String hash) {
        Map<String, byte[]> raw = new TreeMap<>();
        rawValues.forEach((k, v) -> raw.put(k, v.clone()));
        Map<String, Object> typed = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Parameter<?> p : declared) {
            byte[] value = raw.get(p.name());
            if (value == null) {
                raw.put(p.name(), encodedDefault(p));
            }
            try {
                typed.put(p.name(), value == null ? p.defaultValue() : p.parse(value));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new Parameters(Collections.unmodifiableMap(raw), Collections.unmodifiableMap(typed),
                hash == null ? hashOf(raw) : hash);
    }

    private static <T> byte[] encodedDefault(Parameter<T> p) {
        return p.encode(p.defaultValue());
    }

    /** The typed value of a declared parameter (its default when no value was set). */
    public <T> T get(Parameter<T> parameter) {
        Object v = typed.get(parameter.name());
        if (v == null) {
            byte[] r = raw.get(parameter.name());
            return r == null ? parameter.defaultValue() : parameter.parse(r);
        }
        @SuppressWarnings("unchecked")
        T t = (T) (v instanceof byte[] b ? b.clone() : v);
        return t;
    }

    /** Raw bytes of a parameter, or {@code null} if it has no value. */
    public byte[] raw(String name) {
        byte[] r = raw.get(name);
        return r == null ? null : r.clone();
    }

    /** The value as UTF-8 text; fails naming the parameter when it is absent. */
    public String text(String name) {
        byte[] r = raw.get(name);
        if (r == null) {
            throw new NoSuchElementException("no parameter '" + name + "' (have " + raw.keySet() + ")");
        }
        return new String(r, StandardCharsets.UTF_8);
    }

    /** Names of all parameters that have a raw value, sorted. */
    public java.util.Set<String> names() {
        return raw.keySet();
    }

    /** Hex SHA-256 identifying this set of values. */
    public String hash() {
        return hash;
    }

    /** A new set with one raw value replaced (re-validated against the declared parameters). */
    public Parameters with(String name, byte[] value, Collection<? extends Parameter<?>> declared) {
        Map<String, byte[]> copy = new TreeMap<>(raw);
        copy.put(name, value);
        return of(copy, declared);
    }

    /** Content hash: SHA-256 over name, NUL, length and value of each parameter in name order. */
    static String hashOf(Map<String, byte[]> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(values).entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Parameters" + typed + " hash=" + hash.substring(0, 12);
    }
}
