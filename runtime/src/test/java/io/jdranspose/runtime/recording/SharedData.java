package io.jdranspose.runtime.recording;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates the read-only shared test data (surefire sets {@code jdranspose.shared}); skips tests when it is absent. */
final class SharedData {

    private SharedData() {
    }

    /** A file under {@code <shared>/data/}, e.g. {@code "captures/dump_xrd.cbors"}. */
    static Path file(String relative) {
        String shared = System.getProperty("jdranspose.shared");
        assumeTrue(shared != null, "system property jdranspose.shared is not set, so the shared test data"
                + " cannot be found; skipping");
        Path path = Path.of(shared, "data", relative);
        assumeTrue(Files.isRegularFile(path), "shared test data " + path + " is absent; skipping");
        return path;
    }
}
