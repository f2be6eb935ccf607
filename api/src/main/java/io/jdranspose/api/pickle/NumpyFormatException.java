package io.jdranspose.api.pickle;

/** A numpy dtype or array state that does not make sense; {@link PickleReader} adds the offset. */
final class NumpyFormatException extends RuntimeException {
    NumpyFormatException(String message) {
        super(message, null, false, false);
    }
}
