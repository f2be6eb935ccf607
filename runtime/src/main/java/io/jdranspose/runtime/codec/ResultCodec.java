package io.jdranspose.runtime.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jdranspose.api.Worker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serializes worker results to CBOR and back, for the trip from worker to reducer.
 *
 * <p>A payload is a CBOR array {@code [type name, value]}. The only class name ever taken from the bytes is
 * that top-level name, and it must be on an explicit allowlist: a few JDK value types, primitive arrays,
 * lists and maps, plus the plugin's result types. Everything inside is decoded into the fields the
 * allowlisted class declares (no polymorphic typing), so hostile bytes cannot instantiate arbitrary
 * classes. Java serialization is never used.
 */
public final class ResultCodec {
    private static final Map<String, Class<?>> BUILT_IN = builtIns();

    private final ObjectMapper mapper;
    private final Map<String, Class<?>> allowed;
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    private ResultCodec(Collection<Class<?>> types) {
        this.mapper = new ObjectMapper(new CBORFactory());
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Map<String, Class<?>> map = new LinkedHashMap<>(BUILT_IN);
        for (Class<?> t : types) {
            map.put(t.getName(), t);
        }
        this.allowed = Map.copyOf(map);
    }

    /** A codec for the built-in types plus {@code types}. */
    public static ResultCodec forTypes(Collection<Class<?>> types) {
        return new ResultCodec(types);
    }

    /** A codec for a worker's declared result type {@code R} (when concrete) and its {@link Worker#resultTypes()}. */
    public static ResultCodec forWorker(Worker<?> worker) {
        return new ResultCodec(typesOf(worker));
    }

    /** The result types a worker declares: its concrete {@code R} plus {@link Worker#resultTypes()}. */
    public static List<Class<?>> typesOf(Worker<?> worker) {
        List<Class<?>> types = new ArrayList<>(worker.resultTypes());
        Class<?> declared = declaredResultType(worker.getClass());
        if (declared != null && !types.contains(declared)) {
            types.add(declared);
        }
        return types;
    }

    /** Class names this codec accepts as top-level payload types. */
    public java.util.Set<String> allowedTypeNames() {
        return allowed.keySet();
    }

    /**
     * Encodes a non-null payload.
     *
     * @throws ResultCodecException when the payload's class is not allowed or Jackson cannot write it
     */
    public byte[] encode(Object payload) {
        Class<?> type = payload.getClass();
        String name = wireName(type);
        if (!allowed.containsKey(name)) {
            throw new ResultCodecException("result type " + type.getName() + " is not registered: return the worker's"
                    + " declared result type or list it in Worker.resultTypes()");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (CBORGenerator g = (CBORGenerator) mapper.getFactory().createGenerator(out)) {
            g.writeStartArray(null, 2);
            g.writeString(name);
            writerFor(allowed.get(name)).writeValue(g, payload);
            g.writeEndArray();
        } catch (IOException | RuntimeException e) {
            throw new ResultCodecException("cannot encode result of type " + type.getName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a payload written by {@link #encode}.
     *
     * @throws ResultCodecException naming the problem: not CBOR, a type that is not allowed, fields that do
     *                              not fit the type
     */
    public Object decode(byte[] bytes) {
        try (CBORParser p = (CBORParser) mapper.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ResultCodecException("result payload is not a [type, value] CBOR array");
            }
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new ResultCodecException("result payload does not start with a type name");
            }
            String name = p.getText();
            Class<?> type = allowed.get(name);
            if (type == null) {
                throw new ResultCodecException("result payload has type '" + abbreviate(name)
                        + "', which is not registered with this reducer's codec");
            }
            p.nextToken();
            Object value = readerFor(type).readValue(p);
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new ResultCodecException("result payload has trailing items after the value");
            }
            return value;
        } catch (ResultCodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ResultCodecException("cannot decode result payload (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    private ObjectWriter writerFor(Class<?> type) {
        return writers.computeIfAbsent(type, mapper::writerFor);
    }

    private ObjectReader readerFor(Class<?> type) {
        return readers.computeIfAbsent(type, mapper::readerFor);
    }

    /** Maps concrete JDK collections onto the interface the allowlist names. */
    private static String wireName(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            return Map.class.getName();
        }
        if (List.class.isAssignableFrom(type)) {
            return List.class.getName();
        }
        return type.getName();
    }

    private static Class<?> declaredResultType(Class<?> workerClass) {
        for (Class<?> c = workerClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType pt && pt.getRawType() == Worker.class) {
                    Type arg = pt.getActualTypeArguments()[0];
                    Class<?> raw = arg instanceof Class<?> k ? k
                            : arg instanceof ParameterizedType p && p.getRawType() instanceof Class<?> k2 ? k2 : null;
                    if (raw != null && raw != Object.class && !raw.isInterface()
                            && !Modifier.isAbstract(raw.getModifiers())) {
                        return raw;
                    }
                    return null;
                }
            }
        }
        return null;
    }

    private static Map<String, Class<?>> builtIns() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (Class<?> c : List.of(String.class, Long.class, Integer.class, Short.class, Byte.class, Double.class,
                Float.class, Boolean.class, byte[].class, short[].class, int[].class, long[].class, float[].class,
                double[].class, boolean[].class, String[].class, double[][].class, float[][].class, long[][].class,
                int[][].class, Map.class, List.class)) {
            m.put(c.getName(), c);
        }
        return m;
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
