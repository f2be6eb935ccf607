package io.jdranspose.runtime.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory (a tmpfs, {@code /dev/shm} by default) where an ingester and a worker on the same host share
 * {@link SharedMemoryRing}s. Whether two processes share it is not guessed from host names: two containers
 * of one host each have their own {@code /dev/shm}. A worker leaves a probe file there holding its service
 * UUID and names it in its member state; an ingester that finds the file with that content sees the same
 * directory, and only then sends that worker frames through a ring.
 *
 * <p>File names carry the owner's process id, so that files a killed process left behind are removed by the
 * next one ({@link #sweepStale()}).
 */
public final class SharedMemoryDirectory {
    /** Environment variable naming the directory; {@code none} turns shared memory off. */
    public static final String ENV = "JDRANSPOSE_SHM_DIR";
    /** System property, wins over {@link #ENV}. */
    public static final String PROPERTY = "jdranspose.shm.dir";
    /** Environment variable: MiB of each ring an ingester makes for a worker (a message may fill a quarter). */
    public static final String RING_ENV = "JDRANSPOSE_SHM_RING_MIB";
    /** 64 MiB: messages up to 16 MiB go through shared memory. */
    public static final long DEFAULT_RING_BYTES = 64L << 20;
    private static final String RING_PREFIX = "jdranspose-ring-";
    private static final String PROBE_PREFIX = "jdranspose-probe-";
    private static final Pattern RING_NAME = Pattern.compile("jdranspose-ring-([0-9]{1,10})-[A-Za-z0-9_.-]{1,200}");
    private static final Pattern PROBE_NAME = Pattern.compile("jdranspose-probe-([0-9]{1,10})-[0-9a-f-]{36}");
    private static final Pattern OWNER_UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final int OPEN_RINGS = 16;
    private static final AtomicLong RINGS_MADE = new AtomicLong();

    private final Path dir;
    /** Rings a reader has mapped, by file name (least recently used first). */
    private final Map<String, SharedMemoryRing> mapped = new LinkedHashMap<>(16, 0.75f, true);

    public SharedMemoryDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The directory named by {@link #PROPERTY} or {@link #ENV}, else {@code /dev/shm}.
     *
     * @return null when it is {@code none}, does not exist or cannot be written
     */
    public static SharedMemoryDirectory fromEnvironment() {
        String named = System.getProperty(PROPERTY, System.getenv(ENV));
        if ("none".equals(named)) {
            return null;
        }
        Path dir = Path.of(named == null || named.isBlank() ? "/dev/shm" : named);
        return Files.isDirectory(dir) && Files.isWritable(dir) ? new SharedMemoryDirectory(dir) : null;
    }

    public Path path() {
        return dir;
    }

    /** The ring size {@link #RING_ENV} asks for, else {@link #DEFAULT_RING_BYTES}. */
    public static long ringBytesFromEnvironment() {
        return ringBytes(System.getenv(RING_ENV));
    }

    /**
     * @param mib a whole number of MiB, 1 to 1024; null or blank for the default
     * @throws IllegalArgumentException naming the variable and what is wrong
     */
    static long ringBytes(String mib) {
        if (mib == null || mib.isBlank()) {
            return DEFAULT_RING_BYTES;
        }
        long n;
        try {
            n = Long.parseLong(mib.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException(RING_ENV + " must be a whole number of MiB from 1 to 1024, got '"
                    + mib + "'");
        }
        return n << 20;
    }

    // ------------------------------------------------------------------ worker

    /**
     * Leaves the probe that tells ingesters this worker reads rings of this directory.
     *
     * @return its path, for the member state
     * @throws IOException when it cannot be written
     */
    public Probe createProbe(String serviceUuid) throws IOException {
        Path probe = dir.resolve(PROBE_PREFIX + ProcessHandle.current().pid() + "-" + serviceUuid);
        if (!PROBE_NAME.matcher(probe.getFileName().toString()).matches()) {
            throw new IllegalArgumentException("service UUID " + serviceUuid + " is not a UUID");
        }
        FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ch.lock();  // held while the worker lives (see sweepStale)
            ch.write(java.nio.ByteBuffer.wrap(serviceUuid.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(probe);
            throw e;
        }
        probe.toFile().deleteOnExit();
        return new Probe(probe, ch);
    }

    /** A worker's probe file; {@link #close()} removes it. */
    public record Probe(Path path, FileChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
                channel.close();
            } catch (IOException e) {
                // tmpfs: only if the directory vanished, and then the file is gone too
            }
        }
    }

    /**
     * A ring an ingester made, mapped once and kept (the most recent {@value #OPEN_RINGS}).
     *
     * @throws WireFormatException when the name is not a ring's or the ring cannot be mapped
     */
    public synchronized SharedMemoryRing ring(String name) {
        SharedMemoryRing ring = mapped.get(name);
        if (ring != null) {
            return ring;
        }
        if (!RING_NAME.matcher(name).matches()) {
            throw new WireFormatException("shared-memory message names '" + name + "', which is not a ring's file name");
        }
        try {
            ring = SharedMemoryRing.open(dir.resolve(name));
        } catch (IOException e) {
            throw new WireFormatException("cannot map shared-memory ring " + dir.resolve(name) + ": " + e);
        }
        // a ring whose writer deleted it gets no more messages; letting go of it lets the garbage collector
        // unmap it (its memory stays in use until then)
        mapped.values().removeIf(r -> !Files.exists(r.file()));
        mapped.put(name, ring);
        if (mapped.size() > OPEN_RINGS) {
            var eldest = mapped.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return ring;
    }

    // ------------------------------------------------------------------ ingester

    /** Whether a worker's probe (from its member state) is in this directory and holds its service UUID. */
    public boolean reaches(String probePath, String serviceUuid) {
        if (probePath == null || serviceUuid == null) {
            return false;
        }
        try {
            Path probe = Path.of(probePath).toAbsolutePath().normalize();
            if (!dir.equals(probe.getParent()) || !PROBE_NAME.matcher(probe.getFileName().toString()).matches()
                    || Files.size(probe) > 64) {
                return false;
            }
            return serviceUuid.equals(Files.readString(probe, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Makes a ring for {@code owner}'s messages to {@code worker}.
     *
     * @throws IOException when the file cannot be made (e.g. the tmpfs is full)
     */
    public SharedMemoryRing createRing(String owner, String worker, long capacity) throws IOException {
        String name = RING_PREFIX + ProcessHandle.current().pid() + "-" + safe(owner) + "-" + safe(worker) + "-"
                + RINGS_MADE.incrementAndGet();
        return SharedMemoryRing.create(dir.resolve(name), capacity);
    }

    private static String safe(String s) {
        String t = OWNER_UNSAFE.matcher(s).replaceAll("_");
        return t.length() > 60 ? t.substring(0, 60) : t;
    }

    // ------------------------------------------------------------------ both

    /**
     * Removes rings and probes whose owner is gone (a killed component cannot remove its own): an owner holds a
     * lock on its file while it lives. Process ids are not trusted for this, since containers sharing the
     * directory may not share process ids; they only tell this process's own files, which it skips (closing
     * another channel on them would drop its own locks).
     *
     * @return how many files were removed
     */
    public int sweepStale() {
        int removed = 0;
        String own = Long.toString(ProcessHandle.current().pid());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "jdranspose-*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Matcher m = RING_NAME.matcher(name);
                Matcher p = PROBE_NAME.matcher(name);
                String pid = m.matches() ? m.group(1) : p.matches() ? p.group(1) : null;
                if (pid != null && !pid.equals(own) && unlocked(f) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the directory vanished: nothing to sweep
        }
        return removed;
    }

    private static boolean unlocked(Path f) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            return lock != null;  // released with the channel
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
