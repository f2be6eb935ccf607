package io.jdranspose.runtime.recording;

/**
 * Thrown by the CBOR decoder when the bytes end early or do not have the expected shape; the
 * message already names the byte offset. Checked and package-private on purpose: the readers
 * catch it and turn it into a {@link RecordingException} that adds what the decoder cannot know
 * (file, record index).
 */
final class DamageException extends Exception {

    private final boolean truncated;

    private DamageException(boolean truncated, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.truncated = truncated;
    }

    static DamageException truncated(String detail) {
        return new DamageException(true, detail, null);
    }

    static DamageException malformed(String detail) {
        return new DamageException(false, detail, null);
    }

    static DamageException malformed(String detail, Throwable cause) {
        return new DamageException(false, detail, cause);
    }

    /** True when the data simply ends too early (a file still being written, a cut copy). */
    boolean truncated() {
        return truncated;
    }
}
