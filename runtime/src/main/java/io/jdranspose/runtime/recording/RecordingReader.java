package io.jdranspose.runtime.recording;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads an ingester recording ({@code .cbors}, reference §6.2) record by record, in constant memory:
 * only the record being handed out is held, so a 10 GB recording replays like a small one.
 *
 * <p>Accepts gzip (detected by its magic bytes, not the extension), the older 2-element records
 * without {@code created_at}, and records without the optional tags. An empty file has no records.
 *
 * <p>A damaged file delivers every record before the damage; then {@link #hasNext()} and
 * {@link #next()} throw a {@link RecordingException} naming the file, the 0-based record index and
 * the byte offset (of the decompressed stream, for gzip) — and keep throwing it. Iterating to the
 * end or to damage closes the file; {@link #close()} is still needed when stopping early.
 *
 * <p>Not thread-safe, except that {@link #bytesRead()} may be polled from another thread.
 */
public final class RecordingReader implements Iterator<Recorded>, Closeable {

    private final ItemSequence<Recorded> records;

    private RecordingReader(RecordingFile file) {
        this.records = new ItemSequence<>(file, new RecordDecoder(), "record",
                "is not a jdranspose/dranspose recording");
    }

    /**
     * Opens a recording and checks that its first item looks like a record.
     *
     * @throws RecordingException when the file is a raw capture, or is not a recording at all
     * @throws IOException        when the file cannot be opened
     */
    public static RecordingReader open(Path path) throws IOException {
        RecordingFile file = RecordingFile.open(path);
        try {
            byte[] prefix = file.firstBytes(RecordingFormat.SNIFF_LENGTH);
            if (prefix.length > 0) {
                rejectOtherFormats(path, prefix);
            }
            return new RecordingReader(file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static void rejectOtherFormats(Path path, byte[] prefix) {
        RecordingFormat format = RecordingFormat.classify(prefix);
        if (format == RecordingFormat.RAW_CAPTURE) {
            throw new RecordingException(path + " looks like a raw upstream capture (each item an array of"
                    + " byte strings), not an ingester recording: read it with CaptureReader, or play it to"
                    + " an ingester with `jdranspose simulate capture`");
        }
        if (format == null) {
            throw new RecordingException(path + " is not a jdranspose/dranspose recording: "
                    + RecordingFormat.startDescription(prefix) + ", not a CBOR record");
        }
    }

    /** @throws RecordingException when the next record is damaged */
    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    /** @throws RecordingException when the next record is damaged */
    @Override
    public Recorded next() {
        return records.next();
    }

    /** Bytes consumed from the file so far (compressed bytes for gzip), for a progress bar against {@link #fileSize()}. */
    public long bytesRead() {
        return records.file().bytesRead();
    }

    /** Size of the file on disk when it was opened. */
    public long fileSize() {
        return records.file().size();
    }

    public Path path() {
        return records.file().path();
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
