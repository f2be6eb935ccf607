package io.jdranspose.runtime.plugin;

import io.jdranspose.api.Parameter;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.Worker;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded plugin: the worker and reducer classes (from a jar in its own class loader, or from the
 * application class path) and a way to make fresh instances, one per worker and scan.
 *
 * @param jar     the plugin jar, or {@code null} when the classes come from the class path
 * @param sha256  hex SHA-256 of the jar, or {@code null}
 */
public record Plugin(Path jar, String sha256, Class<? extends Worker<?>> workerClass,
                     Class<? extends Reducer<?>> reducerClass) {

    /** A new worker instance. */
    public Worker<?> newWorker() {
        return instantiate(workerClass);
    }

    /** A new reducer instance. */
    public Reducer<?> newReducer() {
        return instantiate(reducerClass);
    }

    /** Parameters declared by the worker and the reducer, by name (the reducer's win on duplicates). */
    public List<Parameter<?>> declaredParameters() {
        Map<String, Parameter<?>> byName = new LinkedHashMap<>();
        for (Parameter<?> p : newWorker().parameters()) {
            byName.put(p.name(), p);
        }
        for (Parameter<?> p : newReducer().parameters()) {
            byName.put(p.name(), p);
        }
        return new ArrayList<>(byName.values());
    }

    /** Short description for logs: class names and jar. */
    public String describe() {
        return workerClass.getName() + " + " + reducerClass.getName()
                + (jar == null ? "" : " from " + jar + " (sha256 " + sha256.substring(0, 12) + ")");
    }

    private <T> T instantiate(Class<T> type) {
        try {
            Constructor<T> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginException(type.getName() + " has no constructor without arguments");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new PluginException("constructor of " + type.getName() + " threw " + cause, cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new PluginException("cannot instantiate " + type.getName() + ": " + e, e);
        }
    }
}
