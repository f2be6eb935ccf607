package io.jdranspose.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds real plugin jars with the JDK's compiler and loads them. */
class PluginLoaderTest {
    @TempDir
    static Path dir;
    static Path jar;
    static Path jarWithoutManifest;

    @BeforeAll
    static void buildPluginJars() throws Exception {
        Path src = dir.resolve("src/demo");
        Files.createDirectories(src);
        Files.writeString(src.resolve("LengthWorker.java"), """
                package demo;
                import io.jdranspose.api.*;
                public class LengthWorker implements Worker<Long> {
                    public Long process(EventData e, Parameters p) { return e.byteCount(); }
                }
                """);
        Files.writeString(src.resolve("LengthReducer.java"), """
                package demo;
                import io.jdranspose.api.*;
                import io.jdranspose.api.publish.PublishTree;
                public class LengthReducer implements Reducer<Long> {
                    public void reduce(ResultData<Long> r, Parameters p, PublishTree t) { }
                }
                """);
        Files.writeString(src.resolve("Broken.java"), """
                package demo;
                public class Broken implements io.jdranspose.api.Worker<String> {
                    public Broken() { throw new IllegalStateException("no detector config"); }
                    public String process(io.jdranspose.api.EventData e, io.jdranspose.api.Parameters p) { return ""; }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", apiLocation(),
                src.resolve("LengthWorker.java").toString(), src.resolve("LengthReducer.java").toString(),
                src.resolve("Broken.java").toString());
        assertThat(rc).as("javac exit code").isZero();
        jar = dir.resolve("plugin.jar");
        jarWithoutManifest = dir.resolve("bare.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue(PluginLoader.WORKER_ATTRIBUTE, "demo.LengthWorker");
        mf.getMainAttributes().putValue(PluginLoader.REDUCER_ATTRIBUTE, "demo.LengthReducer");
        writeJar(jar, mf, classes);
        Manifest bare = new Manifest();
        bare.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        writeJar(jarWithoutManifest, bare, classes);
    }

    @Test
    void loadsClassesNamedInTheManifestInTheirOwnClassLoader() throws Exception {
        Plugin plugin = PluginLoader.load(jar, null, null);
        assertThat(plugin.workerClass().getName()).isEqualTo("demo.LengthWorker");
        assertThat(plugin.workerClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
        assertThat(plugin.sha256()).hasSize(64);
        @SuppressWarnings("unchecked")
        io.jdranspose.api.Worker<Long> w = (io.jdranspose.api.Worker<Long>) plugin.newWorker();
        Long length = w.process(new EventData(3, Map.of("s", StreamData.of("raw", new byte[5], new byte[2]))),
                Parameters.empty());
        assertThat(length).isEqualTo(7L);
        assertThat(plugin.newWorker()).isNotSameAs(plugin.newWorker());
    }

    @Test
    void classNamesGivenOnTheCommandLineWinOverTheManifest() {
        Plugin plugin = PluginLoader.load(jarWithoutManifest, "demo.LengthWorker", "demo.LengthReducer");
        assertThat(plugin.reducerClass().getName()).isEqualTo("demo.LengthReducer");
    }

    @Test
    void errorsNameTheJarTheClassAndWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> PluginLoader.load(jar, "demo.Missing", null))
                .isInstanceOf(PluginException.class)
                .hasMessage("worker class 'demo.Missing' not found in " + jar);
        assertThatThrownBy(() -> PluginLoader.load(jar, "demo.LengthReducer", null))
                .hasMessage("class 'demo.LengthReducer' in " + jar + " does not implement io.jdranspose.api.Worker");
        assertThatThrownBy(() -> PluginLoader.load(jarWithoutManifest, null, null))
                .hasMessageContaining("names no worker class")
                .hasMessageContaining("demo.LengthWorker");
        assertThatThrownBy(() -> PluginLoader.load(dir.resolve("nope.jar"), null, null))
                .hasMessage("plugin jar " + dir.resolve("nope.jar") + " does not exist");
        Path notAJar = dir.resolve("text.jar");
        Files.writeString(notAJar, "hello");
        assertThatThrownBy(() -> PluginLoader.load(notAJar, null, null))
                .hasMessageContaining("is not a readable jar");
        Plugin broken = PluginLoader.load(jar, "demo.Broken", null);
        assertThatThrownBy(broken::newWorker)
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("constructor of demo.Broken threw java.lang.IllegalStateException: no detector config");
        assertThatThrownBy(() -> PluginLoader.load(null, "x.Y", null)).hasMessageContaining("no reducer class given");
    }

    /** Where the api classes are (a jar or a classes folder), whatever launcher runs the test. */
    private static String apiLocation() throws Exception {
        return Path.of(io.jdranspose.api.Worker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static void writeJar(Path target, Manifest mf, Path classes) throws Exception {
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(os, mf);
             var files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
    }
}
