package io.jdranspose.runtime.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An internal message whose frames wait in a {@link SharedMemoryRing} instead of travelling through the
 * socket: what goes over the socket is the message's first part (a {@link PartHeader}) and where each frame lies
 * in the ring. Sent by an ingester to a worker on the same host (see {@link SharedMemoryDirectory}), one
 * part, binary, big-endian:
 * <pre>
 * int    magic 'JDS1'
 * short  ring file name length, UTF-8 bytes (a name in the shared-memory directory, not a path)
 * int    header length, header bytes
 * int    frame count (≥ 0)
 * count × { long position in the ring (≥ 0), int length (≥ 0) }
 * </pre>
 *
 * @param ring      the ring's file name
 * @param header    the message's first part, as it would have been sent
 * @param positions where each frame starts, in the ring's ever-increasing byte count
 * @param lengths   each frame's length
 */
public record SharedMemoryMessage(String ring, byte[] header, long[] positions, int[] lengths) {
    static final int MAGIC = 0x4A445331; // "JDS1"
    private static final int MAX_FRAMES = 1 << 20;

    public SharedMemoryMessage {
        if (positions.length != lengths.length) {
            throw new IllegalArgumentException(positions.length + " positions for " + lengths.length + " frames");
        }
    }

    /** Whether a lone part is one of these (checks the magic only). */
    public static boolean isSharedMemoryMessage(byte[] frame) {
        return frame.length >= 4 && ByteBuffer.wrap(frame).getInt() == MAGIC;
    }

    /** Where the ring may reuse bytes once this message has been read: the end of its last frame. */
    public long end() {
        long end = 0;
        for (int i = 0; i < positions.length; i++) {
            end = Math.max(end, positions[i] + lengths[i]);
        }
        return end;
    }

    public int frameCount() {
        return positions.length;
    }

    public byte[] encode() {
        int size = 4 + WireBuffer.stringSize(ring) + 4 + header.length + 4 + positions.length * 12;
        ByteBuffer b = ByteBuffer.allocate(size).putInt(MAGIC);
        WireBuffer.putString(b, ring);
        b.putInt(header.length).put(header).putInt(positions.length);
        for (int i = 0; i < positions.length; i++) {
            b.putLong(positions[i]).putInt(lengths[i]);
        }
        return b.array();
    }

    /** @throws WireFormatException saying what is wrong */
    public static SharedMemoryMessage decode(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        WireBuffer.expectMagic(b, MAGIC, "shared-memory message");
        String ring = WireBuffer.getString(b, "the ring name of a shared-memory message");
        int headerLength = WireBuffer.getInt(b, "the header length of a shared-memory message");
        if (headerLength < 0 || headerLength > b.remaining()) {
            throw new WireFormatException("shared-memory message claims a header of " + headerLength + " bytes, "
                    + b.remaining() + " left");
        }
        byte[] header = Arrays.copyOfRange(frame, b.position(), b.position() + headerLength);
        b.position(b.position() + headerLength);
        int count = WireBuffer.getInt(b, "the frame count of a shared-memory message");
        if (count < 0 || count > MAX_FRAMES || (long) count * 12 != b.remaining()) {
            throw new WireFormatException("shared-memory message claims " + count + " frames, but " + b.remaining()
                    + " bytes of frame positions follow (12 per frame)");
        }
        long[] positions = new long[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = b.getLong();
            lengths[i] = b.getInt();
            if (positions[i] < 0 || lengths[i] < 0) {
                throw new WireFormatException("shared-memory message: frame " + i + " has position " + positions[i]
                        + " and length " + lengths[i] + " (both must be ≥ 0)");
            }
        }
        return new SharedMemoryMessage(ring, header, positions, lengths);
    }
}
