package io.jdranspose.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedMemoryDirectoryTest {
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    @Test
    void anIngesterReachesAWorkerOnlyThroughItsProbeInTheSameDirectoryWithItsServiceUuid() throws Exception {
        SharedMemoryDirectory shm = new SharedMemoryDirectory(dir);
        String uuid = UUID.randomUUID().toString();
        try (SharedMemoryDirectory.Probe probe = shm.createProbe(uuid)) {
            String path = probe.path().toString();
            assertThat(probe.path().getParent()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(shm.reaches(path, uuid)).isTrue();
            assertThat(shm.reaches(path, UUID.randomUUID().toString())).as("another worker's uuid").isFalse();
            assertThat(new SharedMemoryDirectory(elsewhere).reaches(path, uuid)).as("another directory").isFalse();
            assertThat(shm.reaches(null, uuid)).isFalse();
            assertThat(shm.reaches(dir.resolve("../" + dir.getFileName() + "/x").toString(), uuid)).isFalse();
            Path fake = dir.resolve("not-a-probe");
            Files.writeString(fake, uuid);
            assertThat(shm.reaches(fake.toString(), uuid)).as("a file that is not named as a probe").isFalse();
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactly("not-a-probe");
        assertThatThrownBy(() -> shm.createProbe("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service UUID ../../etc/passwd is not a UUID");
    }

    @Test
    void aWorkerMapsOnlyRingsByTheirFileNameAndSaysWhyItCannot() throws Exception {
        SharedMemoryDirectory ingester = new SharedMemoryDirectory(dir);
        SharedMemoryDirectory worker = new SharedMemoryDirectory(dir);
        SharedMemoryRing ring = ingester.createRing("eiger ingester", "w/1", 8192);
        String name = ring.file().getFileName().toString();
        assertThat(name).matches("jdranspose-ring-" + ProcessHandle.current().pid() + "-eiger_ingester-w_1-[0-9]+");
        SharedMemoryMessage m = ring.write(new byte[0], List.of("frame".getBytes(StandardCharsets.UTF_8)), () -> false);
        assertThat(worker.ring(m.ring()).read(m)).singleElement()
                .satisfies(f -> assertThat(new String(f, StandardCharsets.UTF_8)).isEqualTo("frame"));
        assertThat(worker.ring(name)).as("mapped once").isSameAs(worker.ring(name));

        assertThatThrownBy(() -> worker.ring("../../etc/passwd")).isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory message names '../../etc/passwd', which is not a ring's file name");
        assertThatThrownBy(() -> worker.ring("jdranspose-ring-1-gone-w-1")).isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("cannot map shared-memory ring " + dir.toAbsolutePath().resolve("jdranspose-ring-1-gone-w-1"))
                .hasMessageContaining("NoSuchFileException");
        ring.delete();
        assertThat(worker.ring(name)).as("still mapped: messages sent before may still be read").isNotNull();
        SharedMemoryRing next = ingester.createRing("eiger ingester", "w/1", 8192);
        worker.ring(next.file().getFileName().toString());
        assertThatThrownBy(() -> worker.ring(name)).as("let go once another ring is mapped")
                .isInstanceOf(WireFormatException.class).hasMessageContaining("NoSuchFileException");
        next.delete();
    }

    @Test
    void theRingSizeIsWholeMebibytesFromOneTo1024AndAnythingElseSaysWhatIsWrong() {
        assertThat(SharedMemoryDirectory.ringBytes(null)).isEqualTo(64L << 20);
        assertThat(SharedMemoryDirectory.ringBytes(" ")).isEqualTo(64L << 20);
        assertThat(SharedMemoryDirectory.ringBytes("1")).isEqualTo(1L << 20);
        assertThat(SharedMemoryDirectory.ringBytes(" 1024 ")).isEqualTo(1L << 30);
        for (String bad : List.of("0", "1025", "-3", "64MiB", "1.5")) {
            assertThatThrownBy(() -> SharedMemoryDirectory.ringBytes(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JDRANSPOSE_SHM_RING_MIB must be a whole number of MiB from 1 to 1024, got '" + bad + "'");
        }
    }

    @Test
    void filesLeftByAComponentThatIsGoneAreSweptButLiveOnesAndOurOwnStay() throws Exception {
        SharedMemoryDirectory shm = new SharedMemoryDirectory(dir);
        Path leftRing = dir.resolve("jdranspose-ring-999999-eiger-w1-3");
        Path leftProbe = dir.resolve("jdranspose-probe-999999-" + UUID.randomUUID());
        Files.write(leftRing, new byte[100]);
        Files.writeString(leftProbe, "x");
        Path other = dir.resolve("somebody-elses-file");
        Files.writeString(other, "keep");
        SharedMemoryRing own = shm.createRing("i", "w", 8192);
        try (SharedMemoryDirectory.Probe probe = shm.createProbe(UUID.randomUUID().toString())) {
            assertThat(shm.sweepStale()).isEqualTo(2);
            assertThat(leftRing).doesNotExist();
            assertThat(leftProbe).doesNotExist();
            assertThat(other).exists();
            assertThat(own.file()).exists();
            assertThat(probe.path()).exists();
            assertThat(locked(own.file())).as("a live writer holds its ring's lock").isTrue();
        }
        own.delete();
    }

    @Test
    void theRingOfAKilledIngesterIsSweptByTheNextComponentThatStarts() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process ingester = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                RingOwner.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            String made = new java.io.BufferedReader(new java.io.InputStreamReader(ingester.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertThat(made).as("the child made its ring").startsWith(dir.toAbsolutePath() + "/jdranspose-ring-");
            SharedMemoryDirectory shm = new SharedMemoryDirectory(dir);
            assertThat(shm.sweepStale()).as("its owner lives").isZero();
            assertThat(Path.of(made)).exists();
            ingester.destroyForcibly();  // kill -9: no shutdown hooks, no deleteOnExit
            assertThat(ingester.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Path.of(made)).as("a killed process leaves its ring").exists();
            assertThat(shm.sweepStale()).isEqualTo(1);
            assertThat(Path.of(made)).doesNotExist();
        } finally {
            ingester.destroyForcibly();
        }
    }

    /** A child process that makes a ring, says where, and waits to be killed. */
    public static final class RingOwner {
        public static void main(String[] args) throws Exception {
            SharedMemoryRing ring = new SharedMemoryDirectory(Path.of(args[0])).createRing("eiger", "w1", 8192);
            System.out.println(ring.file());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    /** Whether another process holds a lock on the file, asked from a child JVM (locks are per process). */
    private static boolean locked(Path file) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path source = Files.createTempFile("TryLock", ".java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class TryLock {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {
                            System.exit(ch.tryLock() == null ? 3 : 0);
                        }
                    }
                }
                """);
        try {
            Process p = new ProcessBuilder(javaBin.toString(), source.toString(), file.toString()).inheritIO().start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return p.exitValue() == 3;
        } finally {
            Files.delete(source);
        }
    }
}
