package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin loaded as a jar, as a user would upload it: classes named by its manifest. */
class PluginJarTest {
    @TempDir
    Path dir;

    @Test
    void replayRunsAPluginJarNamedOnlyByItsManifest() throws Exception {
        Path jar = examplesJar();
        Path rec = dir.resolve("sim.cbors");
        assertThat(Cli.run("simulate", "stins", "--frames", "4", "--shape", "32x32", "--record", rec.toString())
                .exitCode()).isZero();
        Path h5 = dir.resolve("out.h5");
        Cli cli = Cli.run("replay", "--plugin", jar.toString(), "-f", rec.toString(), "-o", h5.toString(),
                "--nworkers", "3");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("6 events, 4 results reduced").contains("0 errors");
        assertThat(H5dump.run(h5, "-H")).contains("( 4, 100 )");
    }

    /**
     * The jar the reactor built ({@code mvn package}/{@code verify}); under a plain {@code mvn test} only
     * the classes exist, so the same jar is assembled from them with the same manifest entries.
     */
    private Path examplesJar() throws Exception {
        Path classes = Path.of(io.jdranspose.examples.AzintWorker.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        if (Files.isRegularFile(classes)) {
            return classes;
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Jdranspose-Worker", "io.jdranspose.examples.AzintWorker");
        mf.getMainAttributes().putValue("Jdranspose-Reducer", "io.jdranspose.examples.AzintReducer");
        Path jar = dir.resolve("examples.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }
}
