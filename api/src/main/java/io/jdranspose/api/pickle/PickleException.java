package io.jdranspose.api.pickle;

import io.jdranspose.api.ProtocolException;

/**
 * A pickle that {@link PickleReader} will not or cannot decode: truncated, malformed, too deep, or asking
 * for a Python callable outside the allow-list. The message names the opcode or global and the byte offset.
 */
public class PickleException extends ProtocolException {
    private final long offset;

    public PickleException(String message, long offset) {
        super("pickle: " + message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset of the opcode that failed, counted from the start of the pickle. */
    public long offset() {
        return offset;
    }
}
