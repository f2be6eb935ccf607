package io.jdranspose.api;

/** A frame that does not follow its detector protocol; the message says what is wrong. */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
