package io.jdranspose.runtime.recording;

/**
 * A recording or capture whose content cannot be used: truncated, corrupt, empty where that is not
 * allowed, or of the wrong kind (a raw capture given to {@link RecordingReader}, or the reverse).
 *
 * <p>The message is meant for the operator as is: it names the file, the 0-based index of the
 * record (or capture message) and the byte offset where things went wrong, and what was expected.
 * Unchecked so that it can escape {@link java.util.Iterator#next()}.
 */
public class RecordingException extends RuntimeException {

    public RecordingException(String message) {
        super(message);
    }

    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
