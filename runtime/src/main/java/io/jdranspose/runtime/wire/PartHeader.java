package io.jdranspose.runtime.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * First frame of every message an ingester sends a worker: one stream's frames of one event. The
 * frames follow as further parts of the same message ({@link TcpFraming}), forwarded as received from the
 * detector. Binary, big-endian:
 * <pre>
 * int   magic 'JDP1'
 * long  scan serial       (ScanUpdate.serial; parts of another scan are dropped)
 * long  event number
 * long  previous event    this worker's previous event in the scan (any stream), -1 for its first:
 *                         lets the worker run its events strictly in scan order
 * long  ingest nanos      System.nanoTime() when the ingester received the frame (latency)
 * short+utf8 stream name
 * short+utf8 stream type  (STINS, …)
 * int   frame count       number of parts after this header
 * int   n, then n × (short+utf8) every stream this worker gets in this event (from all ingesters), so
 *                         the worker knows when the event is complete without reading assignments
 * </pre>
 */
public record PartHeader(long scanSerial, long event, long previousEvent, long ingestNanos, String stream,
                         String type, int frameCount, List<String> eventStreams) {

    static final int MAGIC = 0x4A445031; // "JDP1"

    public PartHeader {
        eventStreams = List.copyOf(eventStreams);
    }

    public byte[] encode() {
        int size = 4 + 8 * 4 + WireBuffer.stringSize(stream) + WireBuffer.stringSize(type) + 4 + 4;
        for (String s : eventStreams) {
            size += WireBuffer.stringSize(s);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(MAGIC).putLong(scanSerial).putLong(event).putLong(previousEvent).putLong(ingestNanos);
        WireBuffer.putString(buffer, stream);
        WireBuffer.putString(buffer, type);
        buffer.putInt(frameCount).putInt(eventStreams.size());
        for (String s : eventStreams) {
            WireBuffer.putString(buffer, s);
        }
        return buffer.array();
    }

    /**
     * @throws WireFormatException saying what is wrong
     */
    public static PartHeader decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        WireBuffer.expectMagic(buffer, MAGIC, "part header");
        long serial = WireBuffer.getLong(buffer, "scan serial");
        long event = WireBuffer.getLong(buffer, "event number");
        long previous = WireBuffer.getLong(buffer, "previous event");
        long nanos = WireBuffer.getLong(buffer, "ingest time");
        String stream = WireBuffer.getString(buffer, "stream name");
        String type = WireBuffer.getString(buffer, "stream type");
        int frames = WireBuffer.getInt(buffer, "frame count");
        int n = WireBuffer.getInt(buffer, "stream count");
        if (event < 0 || previous < -1 || previous >= event) {
            throw new WireFormatException("event " + event + " with previous event " + previous);
        }
        if (frames < 0 || n < 1 || n > 10_000) {
            throw new WireFormatException("frame count " + frames + ", stream count " + n);
        }
        List<String> streams = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            streams.add(WireBuffer.getString(buffer, "event stream " + i));
        }
        if (buffer.hasRemaining()) {
            throw new WireFormatException(buffer.remaining() + " unexpected bytes after the part header");
        }
        if (!streams.contains(stream)) {
            throw new WireFormatException("stream " + stream + " is not among the event's streams " + streams);
        }
        return new PartHeader(serial, event, previous, nanos, stream, type, frames, streams);
    }
}
