package io.jdranspose.runtime.wire;

/** Bytes on an internal socket that are not a message of ours; the receiver logs and drops them. */
public final class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message);
    }
}
