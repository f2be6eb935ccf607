package io.jdranspose.runtime.recording;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An open recording or capture file: the CBOR byte stream, decompressed when the file starts with
 * the gzip magic bytes (the extension is not trusted: Helm charts name CBOR dumps {@code *.pkls}),
 * plus the numbers a progress bar needs.
 */
final class RecordingFile implements Closeable {

    private static final int GZIP_BUFFER = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final InputStream decoded;
    private final long size;
    private final boolean gzip;
    private final CborInput cbor;
    private volatile long positionAtClose = -1;

    private RecordingFile(Path path, FileInputStream file, long size, boolean gzip, InputStream decoded) {
        this.path = path;
        this.channel = file.getChannel();
        this.decoded = decoded;
        this.size = size;
        this.gzip = gzip;
        this.cbor = new CborInput(decoded, gzip ? () -> -1 : this::currentSize);
    }

    static RecordingFile open(Path path) throws IOException {
        FileInputStream file = new FileInputStream(path.toFile());
        try {
            FileChannel channel = file.getChannel();
            long size = channel.size();
            boolean gzip = startsWithGzipMagic(channel);
            InputStream decoded = gzip ? openGzip(path, file) : file;
            return new RecordingFile(path, file, size, gzip, decoded);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static boolean startsWithGzipMagic(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(2);
        // A positional read leaves the stream position at 0 for the decoder.
        while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
            // keep reading: a short read is legal
        }
        return magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
    }

    private static InputStream openGzip(Path path, FileInputStream file) {
        try {
            return new GZIPInputStream(file, GZIP_BUFFER);
        } catch (IOException e) {
            throw new RecordingException(path + " starts like a gzip file but its gzip header is damaged ("
                    + e.getMessage() + ")", e);
        }
    }

    private long currentSize() {
        // Asked again (not the size at open) because the file may still be growing.
        try {
            return channel.size();
        } catch (IOException e) {
            return size;
        }
    }

    Path path() {
        return path;
    }

    /** Size of the file on disk when it was opened (compressed size for gzip). */
    long size() {
        return size;
    }

    boolean gzip() {
        return gzip;
    }

    CborInput cbor() {
        return cbor;
    }

    /** Bytes consumed from the file so far (compressed for gzip), including read-ahead. */
    long bytesRead() {
        long closed = positionAtClose;
        if (closed >= 0) {
            return closed;
        }
        try {
            return channel.position();
        } catch (IOException e) {
            // Closed by another thread in between.
            return Math.max(positionAtClose, 0);
        }
    }

    /**
     * The first bytes of the CBOR stream, not consumed; fewer when the stream is shorter.
     *
     * @throws RecordingException when even those bytes cannot be decompressed
     */
    byte[] firstBytes(int n) throws IOException {
        try {
            return cbor.peek(n);
        } catch (CborInput.CorruptCompressionException e) {
            throw new RecordingException(path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (positionAtClose < 0 && channel.isOpen()) {
            positionAtClose = channel.position();
        }
        // Closes the file too; for gzip it also frees the inflater's native memory now, not at GC.
        decoded.close();
    }
}
