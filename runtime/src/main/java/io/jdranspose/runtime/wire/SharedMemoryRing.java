package io.jdranspose.runtime.wire;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A single-producer, single-consumer byte ring in a memory-mapped file of the shared-memory directory: the
 * frames of one ingester's messages to one worker on the same host. The ingester copies a message's frames
 * in and sends a {@link SharedMemoryMessage} saying where they are over the ZeroMQ socket it would otherwise
 * have sent them through; the worker copies them out and moves the ring's read position past them. That
 * saves both sides a trip through the kernel's TCP stack (two copies, the socket buffers' wake-ups), which is
 * what bounded a pipeline of 2 MiB frames. The order of messages, backpressure and every check stay with
 * the socket: a frame is found only through its message, and the writer waits while the worker has not read
 * far enough.
 *
 * <p>Layout: a 4 KiB head (magic, capacity, and the read position the reader advances, on its own cache line),
 * then {@code capacity} bytes of data. Positions are a byte count that only grows; a frame lies at
 * {@code position % capacity}, never across the end (the writer skips to the start instead).
 */
public final class SharedMemoryRing {
    private static final long MAGIC = 0x4A44524E47303031L; // "JDRNG001"
    static final int HEAD = 4096;
    private static final int CAPACITY_AT = 8;
    private static final int READ_AT = 128;
    /** The largest ring: one mapping, indexed by int. */
    public static final long MAX_CAPACITY = (1L << 30);
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long GIVE_UP_CHECK_NANOS = 5_000_000L;

    private final Path file;
    private final String name;
    private final MappedByteBuffer map;
    private final int capacity;
    /** The writer's open file, whose lock says the writer lives; null for a reader. */
    private final FileChannel owned;
    private long written;
    private long writtenBeforeLast;

    private SharedMemoryRing(Path file, MappedByteBuffer map, int capacity, FileChannel owned) {
        this.owned = owned;
        this.file = file;
        this.name = file.getFileName().toString();
        this.map = map;
        this.capacity = capacity;
    }

    /**
     * Makes a ring file of {@code capacity} data bytes. Every page is written once, so that a full tmpfs fails
     * here, with an exception, instead of later as a fault inside the mapping.
     *
     * @throws IOException when the file cannot be made (e.g. no space left)
     */
    public static SharedMemoryRing create(Path file, long capacity) throws IOException {
        if (capacity < 4096 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("ring capacity must be 4 KiB to 1 GiB, got " + capacity + " bytes");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            // held while the writer lives: a sweep that can take it knows the writer is gone
            FileLock lock = ch.lock();
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            long size = HEAD + capacity;
            for (long at = 0; at < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                at += ch.write(zeros, at);
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            map.order(ByteOrder.nativeOrder());
            map.putLong(CAPACITY_AT, capacity);
            LONGS.setRelease(map, READ_AT, 0L);
            LONGS.setRelease(map, 0, MAGIC);
            return new SharedMemoryRing(file, map, (int) capacity, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Maps a ring another process made.
     *
     * @throws IOException          when it cannot be opened
     * @throws WireFormatException  when the file is not a ring
     */
    public static SharedMemoryRing open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < HEAD + 4096 || size > HEAD + MAX_CAPACITY) {
                throw new WireFormatException("shared-memory ring " + file.getFileName() + " has " + size
                        + " bytes, which no ring has");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            map.order(ByteOrder.nativeOrder());
            long magic = (long) LONGS.getAcquire(map, 0);
            long capacity = map.getLong(CAPACITY_AT);
            if (magic != MAGIC || capacity != size - HEAD) {
                throw new WireFormatException("shared-memory ring " + file.getFileName() + " is not a ring (magic "
                        + Long.toHexString(magic) + ", capacity " + capacity + " in a file of " + size + " bytes)");
            }
            return new SharedMemoryRing(file, map, (int) capacity, null);
        }
    }

    public Path file() {
        return file;
    }

    public int capacity() {
        return capacity;
    }

    /** Whether frames of {@code bytes} in total can ever be placed (at most a quarter of the ring, so that
     * several messages are in flight). */
    public boolean fits(long bytes) {
        return bytes <= capacity / 4;
    }

    // ------------------------------------------------------------------ writer

    /**
     * Copies {@code frames} into the ring, waiting while the reader has not read far enough.
     *
     * @param giveUp asked every few milliseconds while waiting
     * @return the message to send in their place, or null when {@code giveUp} said so (nothing was placed)
     */
    public SharedMemoryMessage write(byte[] header, List<byte[]> frames, BooleanSupplier giveUp) {
        int n = frames.size();
        long[] positions = new long[n];
        int[] lengths = new int[n];
        long before = written;
        writtenBeforeLast = before;
        for (int i = 0; i < n; i++) {
            byte[] f = frames.get(i);
            long at = place(f.length, giveUp);
            if (at < 0) {
                written = before; // nothing of this message was announced: its bytes are free again
                return null;
            }
            map.put((int) (HEAD + at % capacity), f, 0, f.length);
            positions[i] = at;
            lengths[i] = f.length;
        }
        return new SharedMemoryMessage(name, header, positions, lengths);
    }

    /** Takes back the last {@link #write}, whose message could not be sent: its bytes are free again. */
    public void retractLast() {
        written = writtenBeforeLast;
    }

    /** @return where {@code length} bytes go, or -1 when {@code giveUp} said so */
    private long place(int length, BooleanSupplier giveUp) {
        if (length > capacity) {
            throw new IllegalArgumentException("a frame of " + length + " bytes does not fit a ring of " + capacity);
        }
        long start = written;
        long offset = start % capacity;
        if (offset + length > capacity) {
            start += capacity - offset; // never across the end
        }
        long end = start + length;
        // free when everything written before is read, or the bytes one lap back are
        long needed = Math.min(written, end - capacity);
        long nextCheck = System.nanoTime() + GIVE_UP_CHECK_NANOS;
        long park = 20_000;
        while ((long) LONGS.getAcquire(map, READ_AT) < needed) {
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, 1_000_000);
            if (System.nanoTime() - nextCheck >= 0) {
                if (giveUp.getAsBoolean()) {
                    return -1;
                }
                nextCheck = System.nanoTime() + GIVE_UP_CHECK_NANOS;
            }
        }
        written = end;
        return start;
    }

    // ------------------------------------------------------------------ reader

    /**
     * Copies a message's frames out and frees their bytes (and those of every earlier message) for the writer.
     *
     * @throws WireFormatException when a frame lies outside the ring
     */
    public List<byte[]> read(SharedMemoryMessage message) {
        return read(message, byte[]::new);
    }

    /**
     * As {@link #read(SharedMemoryMessage)}, copying each frame into {@code arrays.apply(length)}, which must
     * return an array of exactly that length (a new one, or one used before).
     */
    public List<byte[]> read(SharedMemoryMessage message, IntFunction<byte[]> arrays) {
        int n = message.frameCount();
        long read = readPosition();
        for (int i = 0; i < n; i++) {
            long position = message.positions()[i];
            int length = message.lengths()[i];
            if (position % capacity + length > capacity) {
                throw new WireFormatException("shared-memory message: frame " + i + " (" + length + " bytes at "
                        + position + ") lies outside ring " + name + " of " + capacity + " bytes");
            }
            // the writer only writes ahead of what was read, and never a lap ahead: anything else would
            // free bytes not read yet, and later frames would be overwritten under the reader
            if (position < read || position + length > read + capacity) {
                throw new WireFormatException("shared-memory message: frame " + i + " (" + length + " bytes at "
                        + position + ") is not in the unread part of ring " + name + " (read up to " + read + ")");
            }
        }
        List<byte[]> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long offset = message.positions()[i] % capacity;
            int length = message.lengths()[i];
            byte[] f = arrays.apply(length);
            map.get((int) (HEAD + offset), f, 0, length);
            frames.add(f);
        }
        release(message.end());
        return frames;
    }

    /** Frees the bytes before {@code position} (a message that will not be read, e.g. a malformed one). */
    public void release(long position) {
        long read = (long) LONGS.getAcquire(map, READ_AT);
        if (position > read) {
            LONGS.setRelease(map, READ_AT, position);
        }
    }

    /** What the reader has freed so far. */
    long readPosition() {
        return (long) LONGS.getAcquire(map, READ_AT);
    }

    /**
     * The writer's end: deletes the file. A reader's mapping stays valid until it is collected (Java 21 cannot
     * unmap a MappedByteBuffer itself), so a worker still reading the last messages is not hurt.
     */
    public void delete() {
        try {
            Files.deleteIfExists(file);
            if (owned != null) {
                owned.close();
            }
        } catch (IOException e) {
            // tmpfs: cannot happen short of the directory vanishing; the stale-file sweep removes it later
        }
    }

    @Override
    public String toString() {
        return "ring " + name + " (" + capacity + " bytes)";
    }
}
