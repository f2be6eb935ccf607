package io.jdranspose.controller.triggermap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only test vectors in the shared folder (surefire sets {@code jdranspose.shared}). */
final class SharedData {

    private SharedData() {
    }

    /** A file of {@code data/recorded-by-dranspose}; skips the test if the shared folder is not there. */
    static Path recordedByDranspose(String file) {
        Path dir = Path.of(System.getProperty("jdranspose.shared", "../../shared"), "data", "recorded-by-dranspose");
        assumeTrue(Files.isDirectory(dir), () -> "skipped: upstream test vectors not found at " + dir.toAbsolutePath()
                + " (set -Djdranspose.shared=<path of the shared folder>)");
        return dir.resolve(file);
    }
}
