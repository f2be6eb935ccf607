package io.jdranspose.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The viewer's browser check ({@code reducer/src/main/viewer/e2e/check.mjs}) as the reducer build
 * staged it next to its node_modules (playwright-core): Node.js driving Debian's Chromium. Fails the
 * test with what to install when a piece is missing, bounds the run, and never leaves a browser behind.
 */
final class ViewerCheck {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    /** What node printed, and how it ended. */
    record Outcome(int exitCode, boolean timedOut, String output) {
    }

    private final Path script;

    private ViewerCheck(Path script) {
        this.script = script;
    }

    /** The staged check of this checkout's reducer build; fails the test naming what to install if it cannot run. */
    static ViewerCheck ofThisBuild() {
        Path root = Path.of(System.getProperty("jdranspose.root", ".."));
        Path staged = root.resolve("reducer/target/viewer-build");
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: install Debian's Chromium (apt-get install -y chromium; .ci/run installs it)");
        }
        if (!onPath("node") || !onPath("npm")) {
            fail("node and npm are needed to build and drive the viewer: install Node.js 20.19 or newer with npm,"
                    + " then build the reducer again (./mvnw -pl reducer install)");
        }
        if (!Files.isDirectory(staged.resolve("node_modules/playwright-core"))) {
            fail("the reducer was built without the viewer (no " + staged.resolve("node_modules/playwright-core")
                    + "): build it with npm on the PATH and without -Dviewer.skip (./mvnw -pl reducer install)");
        }
        return new ViewerCheck(staged.resolve("e2e/check.mjs"));
    }

    /**
     * Runs {@code node check.mjs viewerUrl screenshotDir}, handing each line it prints to {@code lines} as
     * it comes, and killing node and its browser after {@code limit}.
     */
    Outcome run(String viewerUrl, Path screenshotDir, Duration limit, Consumer<String> lines)
            throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", script.toString(), viewerUrl, screenshotDir.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> read(node, output, lines));
        boolean finished = false;
        try {
            finished = node.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // Chromium runs as node's child: end it while node still is its parent, then node itself
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(5));
        }
        synchronized (output) {
            return new Outcome(finished ? node.exitValue() : -1, !finished, output.toString());
        }
    }

    private static void read(Process node, StringBuilder output, Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                lines.accept(line);
            }
        } catch (IOException e) {
            // node was killed; what it printed so far is kept
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
