package io.jdranspose.runtime.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several small internal messages (an ingester's parts for one worker, a worker's results) packed into one
 * single-part message. At tens of thousands of events per second the cost of the internal hops is per
 * message (a system call on each side, a wake-up, one allocation per part on the receiving side), not per
 * byte; so a sender packs what it has at hand and sends it as one message the moment it has nothing more
 * to add, and never waits to fill a pack: at a low rate every pack holds one message and nothing is
 * delayed. Large messages are not packed (copying megabytes costs more than a message); they travel as
 * before, in order with the packs. Binary, big-endian:
 * <pre>
 * int   magic 'JDB1'
 * int   message count (≥ 1)
 * count × { int part count (≥ 1), part count × { int length, bytes } }
 * </pre>
 * Each packed message is exactly the multipart message it replaces (its first part a {@link PartHeader} or
 * {@link ResultHeader}).
 */
public final class PackedMessages {
    static final int MAGIC = 0x4A444231; // "JDB1"
    /** Messages of at most this many bytes are packed; larger ones go alone. */
    public static final int MAX_PACKED_MESSAGE = 32 << 10;
    /** A pack is sent once it holds this many bytes, */
    public static final int FULL_BYTES = 128 << 10;
    /** …or this many messages. */
    public static final int FULL_COUNT = 256;
    private static final int HEAD = 8;

    private byte[] buffer = new byte[4096];
    private int size = HEAD;
    private int count;

    /** Whether {@code frames} (header first) is small enough to be packed. */
    public static boolean fits(byte[] header, List<byte[]> frames) {
        long bytes = 8L + header.length;
        for (int i = 0, n = frames.size(); i < n; i++) {
            bytes += 4 + frames.get(i).length;
            if (bytes > MAX_PACKED_MESSAGE) {
                return false;
            }
        }
        return bytes <= MAX_PACKED_MESSAGE;
    }

    /** Appends one message: {@code header}, then {@code frames}. */
    public void add(byte[] header, List<byte[]> frames) {
        int n = frames.size();
        int needed = 8 + header.length;
        for (int i = 0; i < n; i++) {
            needed += 4 + frames.get(i).length;
        }
        ensure(needed);
        putInt(1 + n);
        put(header);
        for (int i = 0; i < n; i++) {
            put(frames.get(i));
        }
        count++;
    }

    /** Appends one two-part message. */
    public void add(byte[] header, byte[] payload) {
        ensure(12 + header.length + payload.length);
        putInt(2);
        put(header);
        put(payload);
        count++;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Messages packed so far. */
    public int count() {
        return count;
    }

    /** Whether the pack should be sent before anything more is added. */
    public boolean isFull() {
        return count >= FULL_COUNT || size >= FULL_BYTES;
    }

    /** The pack as one frame; the packer is empty afterwards. */
    public byte[] take() {
        putIntAt(0, MAGIC);
        putIntAt(4, count);
        byte[] frame = Arrays.copyOf(buffer, size);
        clear();
        return frame;
    }

    /** Forgets what was packed. */
    public void clear() {
        size = HEAD;
        count = 0;
        if (buffer.length > 4 * FULL_BYTES) {
            buffer = new byte[4096]; // one huge pack must not pin its memory for the process's life
        }
    }

    /** Whether a one-part message is a pack (by its magic; a header of ours has another). */
    public static boolean isPack(byte[] frame) {
        return frame.length >= HEAD && getIntAt(frame, 0) == MAGIC;
    }

    /**
     * The messages in a pack, each as its parts (copies).
     *
     * @throws WireFormatException saying what is wrong; then none of the pack's messages is returned
     */
    public static List<List<byte[]>> unpack(byte[] frame) {
        if (!isPack(frame)) {
            throw new WireFormatException("not a pack (bad magic)");
        }
        int count = getIntAt(frame, 4);
        if (count < 1 || count > frame.length / 8) {
            throw new WireFormatException("pack of " + frame.length + " bytes announces " + count + " messages");
        }
        List<List<byte[]>> messages = new ArrayList<>(count);
        int at = HEAD;
        for (int m = 0; m < count; m++) {
            if (frame.length - at < 4) {
                throw new WireFormatException("pack ends before message " + (m + 1) + " of " + count);
            }
            int parts = getIntAt(frame, at);
            at += 4;
            if (parts < 1 || parts > (frame.length - at) / 4) {
                throw new WireFormatException("message " + (m + 1) + " of the pack announces " + parts + " parts");
            }
            List<byte[]> message = new ArrayList<>(parts);
            for (int p = 0; p < parts; p++) {
                if (frame.length - at < 4) {
                    throw new WireFormatException("pack ends inside message " + (m + 1) + ", part " + (p + 1));
                }
                int length = getIntAt(frame, at);
                at += 4;
                if (length < 0 || length > frame.length - at) {
                    throw new WireFormatException("part " + (p + 1) + " of message " + (m + 1) + " claims " + length
                            + " bytes, " + (frame.length - at) + " left in the pack");
                }
                message.add(Arrays.copyOfRange(frame, at, at + length));
                at += length;
            }
            messages.add(message);
        }
        if (at != frame.length) {
            throw new WireFormatException((frame.length - at) + " unexpected bytes after the last message of the pack");
        }
        return messages;
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private void put(byte[] part) {
        putInt(part.length);
        System.arraycopy(part, 0, buffer, size, part.length);
        size += part.length;
    }

    private void putInt(int v) {
        putIntAt(size, v);
        size += 4;
    }

    private void putIntAt(int at, int v) {
        buffer[at] = (byte) (v >>> 24);
        buffer[at + 1] = (byte) (v >>> 16);
        buffer[at + 2] = (byte) (v >>> 8);
        buffer[at + 3] = (byte) v;
    }

    private static int getIntAt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
