package io.jdranspose.app.pipeline;

import io.jdranspose.runtime.control.RedisServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private Redis for {@code local} and {@code demo} when no {@code --redis-url} is given: the
 * {@code redis-server} on the PATH (Debian's 7.x), else the one bundled in the jar (Redis 6.2 from
 * the embedded-redis artifact, for linux and macOS), unpacked to a temporary file and run from there.
 */
public final class LocalRedis {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);

    private LocalRedis() {
    }

    public static RedisServerProcess start() throws IOException {
        Optional<Path> onPath = RedisServerProcess.findExecutable();
        if (onPath.isPresent()) {
            return RedisServerProcess.start(onPath.get());
        }
        Path bundled = unpackBundled();
        LOG.info("no redis-server on the PATH; running the bundled Redis 6.2 ({})", bundled);
        return RedisServerProcess.start(bundled);
    }

    private static Path unpackBundled() throws IOException {
        String resource = bundledResource();
        try (InputStream in = LocalRedis.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no redis-server on the PATH and no bundled one for this platform (" + resource
                        + "); install Redis (Debian/Ubuntu: apt-get install redis-server) or give --redis-url");
            }
            Path file = Files.createTempFile("jdranspose-redis-server-", "");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                throw new IOException("cannot make the bundled redis-server executable on this file system", e);
            }
            return file;
        }
    }

    private static String bundledResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        if (os.contains("linux")) {
            return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        return "redis-server-for-" + os + "-" + arch;
    }
}
