package io.jdranspose.runtime.recording;

import io.jdranspose.api.StreamData;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an ingester recording ({@code .cbors}) byte for byte as upstream's ingesters do
 * (reference §6.2): per record tag 55799 around tag 42877, an array of event number, streams
 * (each a tag 42878 array of typ and frames) and {@code created_at} as tag 0 text, with definite
 * lengths and shortest integer encodings. Records written from {@link RecordingReader}'s output
 * therefore reproduce the original file.
 *
 * <p>A path ending in {@code .gz} is gzip-compressed; appending to it adds a gzip member, which
 * readers (ours, and Python's gzip module) read as one stream. Buffered: call {@link #flush()} to
 * make records visible to other readers before {@link #close()}. Not thread-safe.
 */
public final class RecordingWriter implements Closeable {

    private static final byte[] RECORD_TAGS = {
            (byte) 0xd9, (byte) 0xd9, (byte) 0xf7, // 55799 self-described CBOR
            (byte) 0xd9, (byte) 0xa7, (byte) 0x7d, // 42877 InternalWorkerMessage
    };
    private static final byte[] STREAM_DATA_TAG = {(byte) 0xd9, (byte) 0xa7, (byte) 0x7e}; // 42878
    private static final int GZIP_BUFFER = 1 << 16;

    private final Path path;
    private final CborOutput out;
    private boolean closed;

    private RecordingWriter(Path path, OutputStream sink) {
        this.path = path;
        this.out = new CborOutput(sink);
    }

    /** Creates the file, or truncates it when it exists. */
    public static RecordingWriter create(Path path) throws IOException {
        return open(path, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Opens the file for appending, creating it when missing — what upstream ingesters do for every scan. */
    public static RecordingWriter append(Path path) throws IOException {
        return open(path, StandardOpenOption.APPEND);
    }

    private static RecordingWriter open(Path path, StandardOpenOption mode) throws IOException {
        OutputStream file = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        try {
            boolean gzip = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
            return new RecordingWriter(path, gzip ? fastGzip(file) : file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Recording happens on the live data path, so speed wins over the last few percent of size. */
    private static OutputStream fastGzip(OutputStream file) throws IOException {
        return new GZIPOutputStream(file, GZIP_BUFFER) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /**
     * Appends one record.
     *
     * @param eventNumber non-negative event number
     * @param streams     stream name → frames, written in the map's iteration order
     * @param createdAt   the record's time, written with microseconds (as Python does, the fraction
     *                    is omitted when they are zero); {@code null} writes the older 2-element
     *                    form without it, which is what {@link RecordingReader} returns for such records
     */
    public void write(long eventNumber, Map<String, StreamData> streams, Instant createdAt) throws IOException {
        if (closed) {
            throw new IllegalStateException("recording " + path + " is closed");
        }
        if (eventNumber < 0) {
            throw new IllegalArgumentException("event number must not be negative: " + eventNumber);
        }
        Objects.requireNonNull(streams, "streams");
        out.writeRaw(RECORD_TAGS);
        out.writeHead(CborInput.MAJOR_ARRAY, createdAt == null ? 2 : 3);
        out.writeHead(CborInput.MAJOR_UNSIGNED, eventNumber);
        out.writeHead(CborInput.MAJOR_MAP, streams.size());
        for (Map.Entry<String, StreamData> stream : streams.entrySet()) {
            writeStream(Objects.requireNonNull(stream.getKey(), "stream name"), stream.getValue());
        }
        if (createdAt != null) {
            out.writeHead(CborInput.MAJOR_TAG, 0);
            out.writeText(CreatedAt.format(createdAt));
        }
    }

    /** Appends a record read from another recording, keeping its timestamp (or its lack of one). */
    public void write(Recorded record) throws IOException {
        write(record.eventNumber(), record.streams(), record.createdAt());
    }

    private void writeStream(String name, StreamData data) throws IOException {
        Objects.requireNonNull(data, () -> "stream '" + name + "' has no data");
        out.writeText(name);
        out.writeRaw(STREAM_DATA_TAG);
        out.writeHead(CborInput.MAJOR_ARRAY, 2);
        out.writeText(data.type());
        out.writeHead(CborInput.MAJOR_ARRAY, data.frames().size());
        for (byte[] frame : data.frames()) {
            out.writeByteString(frame);
        }
    }

    /** Hands everything written so far to the operating system (no fsync). */
    public void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
