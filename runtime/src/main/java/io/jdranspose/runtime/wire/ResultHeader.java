package io.jdranspose.runtime.wire;

import java.nio.ByteBuffer;

/**
 * First frame of every message a worker sends the reducer; the second frame is the CBOR-encoded result
 * ({@code ResultCodec}). Binary, big-endian:
 * <pre>
 * int   magic 'JDR1'
 * long  scan serial
 * long  event number
 * long  ingest nanos    copied from the event's earliest part (latency)
 * short+utf8 worker name
 * short+utf8 parameters hash ("" when none)
 * </pre>
 */
public record ResultHeader(long scanSerial, long event, long ingestNanos, String worker, String parametersHash) {

    static final int MAGIC = 0x4A445231; // "JDR1"

    public byte[] encode() {
        String hash = parametersHash == null ? "" : parametersHash;
        ByteBuffer buffer = ByteBuffer.allocate(4 + 24 + WireBuffer.stringSize(worker) + WireBuffer.stringSize(hash));
        buffer.putInt(MAGIC).putLong(scanSerial).putLong(event).putLong(ingestNanos);
        WireBuffer.putString(buffer, worker);
        WireBuffer.putString(buffer, hash);
        return buffer.array();
    }

    /** @throws WireFormatException saying what is wrong */
    public static ResultHeader decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        WireBuffer.expectMagic(buffer, MAGIC, "result header");
        long serial = WireBuffer.getLong(buffer, "scan serial");
        long event = WireBuffer.getLong(buffer, "event number");
        long nanos = WireBuffer.getLong(buffer, "ingest time");
        String worker = WireBuffer.getString(buffer, "worker name");
        String hash = WireBuffer.getString(buffer, "parameters hash");
        if (event < 0) {
            throw new WireFormatException("negative event number " + event);
        }
        if (buffer.hasRemaining()) {
            throw new WireFormatException(buffer.remaining() + " unexpected bytes after the result header");
        }
        return new ResultHeader(serial, event, nanos, worker, hash.isEmpty() ? null : hash);
    }
}
