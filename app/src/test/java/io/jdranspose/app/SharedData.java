package io.jdranspose.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only test data beside the project ({@code ../shared/data}); never copied into it. */
public final class SharedData {
    private SharedData() {
    }

    /** A file under {@code shared/data}; skips the test with a clear message when the folder is absent. */
    public static Path file(String relative) {
        Path shared = Path.of(System.getProperty("jdranspose.shared", "../../shared"));
        Path f = shared.resolve("data").resolve(relative);
        assumeTrue(Files.isRegularFile(f), "test data " + f + " is absent: clone the project with ../shared beside it");
        return f;
    }
}
