package io.jdranspose.runtime.plugin;

import io.jdranspose.api.Reducer;
import io.jdranspose.api.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds a plugin's worker and reducer classes. Class names may be given; otherwise a jar names them in its
 * manifest ({@code Jdranspose-Worker}, {@code Jdranspose-Reducer}). A jar gets its own class loader whose
 * parent is the application's, so the api classes are shared and the plugin's other classes stay private.
 */
public final class PluginLoader {
    public static final String WORKER_ATTRIBUTE = "Jdranspose-Worker";
    public static final String REDUCER_ATTRIBUTE = "Jdranspose-Reducer";

    private PluginLoader() {
    }

    /**
     * Loads a plugin.
     *
     * @param jar          plugin jar, or {@code null} to use the application class path
     * @param workerName   fully qualified worker class, or {@code null} to take it from the jar manifest
     * @param reducerName  fully qualified reducer class, or {@code null} to take it from the jar manifest
     * @throws PluginException with a message naming the jar and class that failed, and why
     */
    public static Plugin load(Path jar, String workerName, String reducerName) {
        ClassLoader loader = PluginLoader.class.getClassLoader();
        String sha = null;
        String worker = workerName;
        String reducer = reducerName;
        if (jar != null) {
            if (!Files.isRegularFile(jar)) {
                throw new PluginException("plugin jar " + jar + " does not exist");
            }
            sha = sha256(jar);
            try (JarFile jf = new JarFile(jar.toFile())) {
                Attributes main = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes();
                if (worker == null && main != null) {
                    worker = main.getValue(WORKER_ATTRIBUTE);
                }
                if (reducer == null && main != null) {
                    reducer = main.getValue(REDUCER_ATTRIBUTE);
                }
                if (worker == null || reducer == null) {
                    throw new PluginException("plugin jar " + jar + " names no " + (worker == null ? "worker" : "reducer")
                            + " class: give it with -w/-r or add '" + (worker == null ? WORKER_ATTRIBUTE : REDUCER_ATTRIBUTE)
                            + "' to its manifest (candidates: " + candidates(jf) + ")");
                }
            } catch (IOException e) {
                throw new PluginException("plugin jar " + jar + " is not a readable jar: " + e.getMessage(), e);
            }
            try {
                loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                        PluginLoader.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new PluginException("bad plugin path " + jar, e);
            }
        }
        if (worker == null || reducer == null) {
            throw new PluginException("no " + (worker == null ? "worker" : "reducer")
                    + " class given (use -w/-r, or --plugin with a jar whose manifest names them)");
        }
        Class<? extends Worker<?>> w = loadClass(loader, worker, Worker.class, jar);
        Class<? extends Reducer<?>> r = loadClass(loader, reducer, Reducer.class, jar);
        return new Plugin(jar, sha, w, r);
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<? extends T> loadClass(ClassLoader loader, String name, Class<?> kind, Path jar) {
        String where = jar == null ? "the class path" : jar.toString();
        Class<?> c;
        try {
            c = Class.forName(name.trim(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new PluginException(kindName(kind) + " class '" + name + "' not found in " + where);
        } catch (LinkageError e) {
            throw new PluginException(kindName(kind) + " class '" + name + "' in " + where + " cannot be loaded: " + e, e);
        }
        if (!kind.isAssignableFrom(c)) {
            throw new PluginException("class '" + name + "' in " + where + " does not implement " + kind.getName());
        }
        if (c.isInterface() || java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
            throw new PluginException("class '" + name + "' in " + where + " is abstract");
        }
        return (Class<? extends T>) c;
    }

    private static String kindName(Class<?> kind) {
        return kind == Worker.class ? "worker" : "reducer";
    }

    private static String candidates(JarFile jf) {
        List<String> names = new ArrayList<>();
        Enumeration<JarEntry> entries = jf.entries();
        while (entries.hasMoreElements() && names.size() < 10) {
            String n = entries.nextElement().getName();
            if (n.endsWith(".class") && !n.contains("$")) {
                names.add(n.substring(0, n.length() - 6).replace('/', '.'));
            }
        }
        return names.isEmpty() ? "no classes" : String.join(", ", names);
    }

    /** Hex SHA-256 of a file, to tell plugin versions apart in logs. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new PluginException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
