package io.jdranspose.runtime.codec;

/** A result that cannot be encoded or decoded; the message says which type and why. */
public class ResultCodecException extends RuntimeException {
    public ResultCodecException(String message) {
        super(message);
    }

    public ResultCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
