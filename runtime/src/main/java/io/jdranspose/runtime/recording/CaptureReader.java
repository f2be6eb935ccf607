package io.jdranspose.runtime.recording;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a raw upstream capture (reference §6.3): a CBOR sequence whose items are arrays of byte
 * strings, each one multipart message as the upstream source sent it. Streams with constant memory,
 * detects gzip by its magic bytes, and follows the same damage rules as {@link RecordingReader}
 * (messages before the damage are delivered, then a {@link RecordingException} naming the file,
 * the 0-based message index in the file and the byte offset).
 *
 * <p>A slice {@code [begin, end)} selects messages by their index in the file, like upstream's test
 * harness does; a file with fewer messages simply yields fewer.
 */
public final class CaptureReader implements Iterator<List<byte[]>>, Closeable {

    private final ItemSequence<List<byte[]>> messages;
    private final long begin;
    private final long end;

    private CaptureReader(RecordingFile file, long begin, long end) {
        this.messages = new ItemSequence<>(file, new CaptureDecoder(), "message", "is not a raw upstream capture");
        this.begin = begin;
        this.end = end;
    }

    /**
     * Opens a whole capture.
     *
     * @throws IllegalArgumentException when the file is empty (upstream refuses those too)
     * @throws RecordingException       when the file is an ingester recording or not a capture at all
     */
    public static CaptureReader open(Path path) throws IOException {
        return open(path, 0, Long.MAX_VALUE);
    }

    /**
     * Opens the messages with index {@code begin} (inclusive) to {@code end} (exclusive).
     *
     * @throws IllegalArgumentException when {@code end <= begin}, {@code begin < 0} or the file is empty
     * @throws RecordingException       when the file is an ingester recording or not a capture at all
     */
    public static CaptureReader open(Path path, int begin, int end) throws IOException {
        return open(path, (long) begin, end);
    }

    private static CaptureReader open(Path path, long begin, long end) throws IOException {
        if (begin < 0 || end <= begin) {
            throw new IllegalArgumentException("cannot play messages [" + begin + ", " + end + ") of " + path
                    + ": the slice needs 0 <= begin < end");
        }
        RecordingFile file = RecordingFile.open(path);
        try {
            byte[] prefix = file.firstBytes(RecordingFormat.SNIFF_LENGTH);
            if (prefix.length == 0) {
                throw new IllegalArgumentException(path + " is empty: a capture needs at least one message");
            }
            rejectOtherFormats(path, prefix);
            return new CaptureReader(file, begin, end);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static void rejectOtherFormats(Path path, byte[] prefix) {
        RecordingFormat format = RecordingFormat.classify(prefix);
        if (format == RecordingFormat.INGESTER_RECORDING) {
            throw new RecordingException(path + " is an ingester recording (records of event number and"
                    + " streams), not a raw capture: read it with RecordingReader, or replay it with"
                    + " `jdranspose replay`");
        }
        if (format == null) {
            throw new RecordingException(path + " is not a raw upstream capture (a CBOR sequence of arrays of"
                    + " byte strings): " + RecordingFormat.startDescription(prefix));
        }
    }

    /** @throws RecordingException when the next message is damaged */
    @Override
    public boolean hasNext() {
        while (messages.index() < begin && messages.hasNext()) {
            messages.next();
        }
        return messages.index() < end && messages.hasNext();
    }

    /**
     * The parts of the next message, unmodifiable.
     *
     * @throws RecordingException when the next message is damaged
     */
    @Override
    public List<byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more messages in " + path()
                    + (end == Long.MAX_VALUE ? "" : " within [" + begin + ", " + end + ")"));
        }
        return messages.next();
    }

    /** Index in the file of the message the next call to {@link #next()} returns. */
    public long nextIndex() {
        return Math.max(messages.index(), begin);
    }

    /** Bytes consumed from the file so far (compressed bytes for gzip). */
    public long bytesRead() {
        return messages.file().bytesRead();
    }

    /** Size of the file on disk when it was opened. */
    public long fileSize() {
        return messages.file().size();
    }

    public Path path() {
        return messages.file().path();
    }

    @Override
    public void close() throws IOException {
        messages.close();
    }
}
