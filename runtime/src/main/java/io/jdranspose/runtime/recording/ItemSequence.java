package io.jdranspose.runtime.recording;

import java.io.Closeable;
import java.io.IOException;
import java.util.NoSuchElementException;

/**
 * The iteration shared by {@link RecordingReader} and {@link CaptureReader}: decodes one item ahead,
 * closes the file at the end, and turns damage into a {@link RecordingException} that names the
 * file, the item index and the byte offset. After damage it keeps throwing the same exception, so a
 * caller never mistakes a damaged file for a short one.
 *
 * @param <T> the decoded item
 */
final class ItemSequence<T> implements Closeable {

    /** Decodes one item; the input is positioned at its first byte. */
    @FunctionalInterface
    interface ItemDecoder<T> {
        T decode(CborInput in) throws DamageException, IOException;
    }

    private final RecordingFile file;
    private final ItemDecoder<T> decoder;
    private final String itemName;
    private final String wrongKind;
    private long index;
    private T ahead;
    private boolean finished;
    private RecordingException failure;

    /**
     * @param itemName  what an item is called in messages ("record", "message")
     * @param wrongKind what to say when the very first item is malformed, e.g. "is not a jdranspose/dranspose recording"
     */
    ItemSequence(RecordingFile file, ItemDecoder<T> decoder, String itemName, String wrongKind) {
        this.file = file;
        this.decoder = decoder;
        this.itemName = itemName;
        this.wrongKind = wrongKind;
    }

    boolean hasNext() {
        if (failure != null) {
            throw failure;
        }
        if (ahead == null && !finished) {
            advance();
        }
        return ahead != null;
    }

    T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more " + itemName + "s in " + file.path());
        }
        T item = ahead;
        ahead = null;
        index++;
        return item;
    }

    /** Index of the item the next call to {@link #next()} returns. */
    long index() {
        return index;
    }

    RecordingFile file() {
        return file;
    }

    private void advance() {
        CborInput in = file.cbor();
        long start = in.position();
        try {
            if (in.atEnd()) {
                finish();
                return;
            }
            ahead = decoder.decode(in);
        } catch (DamageException e) {
            fail(describe(e, start));
        } catch (CborInput.CorruptCompressionException e) {
            fail(new RecordingException("corrupt " + where(start) + ": " + e.getMessage(), e));
        } catch (IOException e) {
            fail(new RecordingException("cannot read " + where(start) + ": " + e, e));
        }
    }

    private RecordingException describe(DamageException e, long start) {
        if (e.truncated()) {
            return new RecordingException("truncated inside " + where(start) + ": " + e.getMessage(), e);
        }
        if (index == 0) {
            return new RecordingException(file.path() + " " + wrongKind + ": in " + itemName + " 0, "
                    + e.getMessage(), e);
        }
        return new RecordingException("corrupt " + where(start) + ": " + e.getMessage(), e);
    }

    private String where(long start) {
        String offset = file.gzip() ? " (uncompressed)" : "";
        return itemName + " " + index + " at byte " + start + offset + " of " + file.path();
    }

    private void fail(RecordingException e) {
        failure = e;
        closeQuietly();
        throw e;
    }

    private void finish() {
        finished = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            file.close();
        } catch (IOException e) {
            // Reading is over; a failing close of a read-only file changes nothing for the caller.
        }
    }

    @Override
    public void close() throws IOException {
        finished = true;
        ahead = null;
        file.close();
    }
}
