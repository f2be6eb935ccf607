package io.jdranspose.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedMemoryRingTest {
    @TempDir
    Path dir;

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aReaderInAnotherMappingGetsEveryFrameInOrderWhileTheRingWrapsManyTimes() throws Exception {
        SharedMemoryRing writer = SharedMemoryRing.create(dir.resolve("ring"), 64 << 10);
        SharedMemoryRing reader = SharedMemoryRing.open(dir.resolve("ring"));
        BlockingQueue<byte[]> socket = new ArrayBlockingQueue<>(1000);  // stands in for the ZeroMQ socket
        List<List<byte[]>> received = new ArrayList<>();
        Thread readerThread = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 300; i++) {
                    byte[] m = socket.poll(10, TimeUnit.SECONDS);
                    received.add(reader.read(SharedMemoryMessage.decode(m)));
                    if (i % 50 == 0) {
                        Thread.sleep(20);  // a slow worker: the writer must wait, not overwrite
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<List<byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<byte[]> frames = List.of(("header " + i).getBytes(StandardCharsets.UTF_8), bytes(1 + (i * 997) % 16000, i));
            SharedMemoryMessage m = writer.write(("part " + i).getBytes(StandardCharsets.UTF_8), frames, () -> false);
            assertThat(m.ring()).isEqualTo("ring");
            assertThat(new String(m.header(), StandardCharsets.UTF_8)).isEqualTo("part " + i);
            sent.add(frames);
            socket.put(m.encode());
        }
        readerThread.join(20_000);
        assertThat(received).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(received.get(i)).as("message %d", i).usingElementComparator(java.util.Arrays::compare)
                    .containsExactlyElementsOf(sent.get(i));
        }
        assertThat(reader.readPosition()).as("the reader freed everything").isGreaterThan(20L * (64 << 10));
        writer.delete();
        assertThat(dir.resolve("ring")).doesNotExist();
    }

    @Test
    void aWriterWaitingForAReaderThatDoesNotReadGivesUpWhenAskedAndPlacesNothing() throws Exception {
        SharedMemoryRing writer = SharedMemoryRing.create(dir.resolve("ring"), 16 << 10);
        SharedMemoryRing reader = SharedMemoryRing.open(dir.resolve("ring"));
        SharedMemoryMessage first = writer.write(new byte[0], List.of(bytes(10_000, 1)), () -> false);
        AtomicInteger asked = new AtomicInteger();
        long t0 = System.nanoTime();
        SharedMemoryMessage second = writer.write(new byte[0], List.of(bytes(4000, 2), bytes(4000, 3)),
                () -> asked.incrementAndGet() >= 3);
        assertThat(second).as("no room until the first is read").isNull();
        assertThat(asked.get()).isEqualTo(3);
        assertThat(System.nanoTime() - t0).as("asked every few ms").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(10));

        assertThat(reader.read(first)).singleElement().satisfies(f -> assertThat(f).isEqualTo(bytes(10_000, 1)));
        SharedMemoryMessage third = writer.write(new byte[0], List.of(bytes(4000, 4), bytes(4000, 5)), () -> false);
        assertThat(third.positions()).as("the abandoned message took no place").containsExactly(10_000L, 16_384L);
        assertThat(reader.read(third)).usingElementComparator(java.util.Arrays::compare)
                .containsExactly(bytes(4000, 4), bytes(4000, 5));
    }

    @Test
    void aFrameNeverLiesAcrossTheEndAndARetractedMessageFreesItsPlace() throws Exception {
        SharedMemoryRing writer = SharedMemoryRing.create(dir.resolve("ring"), 8192);
        SharedMemoryRing reader = SharedMemoryRing.open(dir.resolve("ring"));
        SharedMemoryMessage a = writer.write(new byte[0], List.of(bytes(6000, 1)), () -> false);
        reader.read(a);
        SharedMemoryMessage b = writer.write(new byte[0], List.of(bytes(3000, 2)), () -> false);
        assertThat(b.positions()).as("skips to the start of the next lap").containsExactly(8192L);
        writer.retractLast();
        SharedMemoryMessage c = writer.write(new byte[0], List.of(bytes(1000, 3)), () -> false);
        assertThat(c.positions()).as("fits before the end again").containsExactly(6000L);
        assertThat(reader.read(c)).singleElement().satisfies(f -> assertThat(f).isEqualTo(bytes(1000, 3)));
        assertThatThrownBy(() -> reader.read(a)).as("read twice").isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory message: frame 0 (6000 bytes at 0) is not in the unread part of ring ring"
                        + " (read up to 7000)");
        assertThat(writer.fits(2048)).isTrue();
        assertThat(writer.fits(2049)).as("at most a quarter of the ring per message").isFalse();
    }

    @Test
    void aMessagePointingOutsideTheRingOrAFileThatIsNoRingIsRefusedWithWhatIsWrong() throws Exception {
        SharedMemoryRing.create(dir.resolve("ring"), 8192);
        SharedMemoryRing reader = SharedMemoryRing.open(dir.resolve("ring"));
        SharedMemoryMessage outside = new SharedMemoryMessage("ring", new byte[0], new long[] {8000}, new int[] {500});
        assertThatThrownBy(() -> reader.read(outside)).isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory message: frame 0 (500 bytes at 8000) lies outside ring ring of 8192 bytes");

        SharedMemoryMessage lapAhead = new SharedMemoryMessage("ring", new byte[0], new long[] {3 * 8192L},
                new int[] {10});
        assertThatThrownBy(() -> reader.read(lapAhead)).isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory message: frame 0 (10 bytes at 24576) is not in the unread part of ring ring"
                        + " (read up to 0)");
        assertThat(reader.readPosition()).as("a refused message frees nothing").isZero();

        Files.write(dir.resolve("junk"), new byte[20_000]);
        assertThatThrownBy(() -> SharedMemoryRing.open(dir.resolve("junk"))).isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory ring junk is not a ring (magic 0, capacity 0 in a file of 20000 bytes)");
        Files.write(dir.resolve("tiny"), new byte[10]);
        assertThatThrownBy(() -> SharedMemoryRing.open(dir.resolve("tiny"))).isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory ring tiny has 10 bytes, which no ring has");
        assertThatThrownBy(() -> SharedMemoryRing.create(dir.resolve("ring"), 8192))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void messagesRoundTripAndDamagedOnesSayWhatIsWrong() {
        SharedMemoryMessage m = new SharedMemoryMessage("jdranspose-ring-1-a-w-1", new byte[] {1, 2, 3},
                new long[] {0, 4096}, new int[] {4096, 17});
        byte[] encoded = m.encode();
        assertThat(SharedMemoryMessage.isSharedMemoryMessage(encoded)).isTrue();
        assertThat(SharedMemoryMessage.isSharedMemoryMessage(new PartHeader(1, 2, 1, 0, "s", "STINS", 0,
                List.of("s")).encode())).isFalse();
        SharedMemoryMessage back = SharedMemoryMessage.decode(encoded);
        assertThat(back.ring()).isEqualTo(m.ring());
        assertThat(back.header()).containsExactly(1, 2, 3);
        assertThat(back.positions()).containsExactly(0, 4096);
        assertThat(back.lengths()).containsExactly(4096, 17);
        assertThat(back.end()).isEqualTo(4113);

        assertThatThrownBy(() -> SharedMemoryMessage.decode(java.util.Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory message claims 2 frames, but 23 bytes of frame positions follow (12 per frame)");
        SharedMemoryMessage negative = new SharedMemoryMessage("r", new byte[0], new long[] {-5}, new int[] {1});
        assertThatThrownBy(() -> SharedMemoryMessage.decode(negative.encode())).isInstanceOf(WireFormatException.class)
                .hasMessage("shared-memory message: frame 0 has position -5 and length 1 (both must be ≥ 0)");
        assertThatThrownBy(() -> SharedMemoryMessage.decode(java.util.Arrays.copyOf(encoded, 10)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("the ring name of a shared-memory message claims 23 bytes, only 4 left");
    }
}
