package io.jdranspose.runtime.control;

/** A control-plane message that cannot be understood; it is logged with its source and dropped. */
public final class ControlMessageException extends RuntimeException {
    public ControlMessageException(String message) {
        super(message);
    }

    public ControlMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
