package io.jdranspose.runtime.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The two kinds of CBOR sequence files around dranspose, told apart by their first item (gzip or
 * not, whatever the extension says).
 */
public enum RecordingFormat {

    /** Written by an ingester (or {@link RecordingWriter}): tagged records of event number, streams, created_at. */
    INGESTER_RECORDING,

    /** Captured from an upstream source: each item is one multipart message, an array of byte strings. */
    RAW_CAPTURE;

    /** Enough for the optional tags, the array head and the head of its first element. */
    static final int SNIFF_LENGTH = 32;

    private static final byte[] SELF_DESCRIBE_TAG = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7};
    private static final byte[] WORKER_MESSAGE_TAG = {(byte) 0xd9, (byte) 0xa7, (byte) 0x7d};

    /**
     * Looks at the first item of a file.
     *
     * @throws RecordingException when the file is empty or starts with something that is neither
     * @throws IOException        when the file cannot be read
     */
    public static RecordingFormat sniff(Path path) throws IOException {
        try (RecordingFile file = RecordingFile.open(path)) {
            byte[] prefix = file.firstBytes(SNIFF_LENGTH);
            if (prefix.length == 0) {
                throw new RecordingException(path + " is empty: neither an ingester recording nor a raw capture");
            }
            RecordingFormat format = classify(prefix);
            if (format == null) {
                throw new RecordingException(path + " is neither an ingester recording nor a raw capture: "
                        + startDescription(prefix));
            }
            return format;
        }
    }

    /** The format the first item's first bytes suggest, or {@code null} when they fit neither. */
    static RecordingFormat classify(byte[] prefix) {
        int i = startsWith(prefix, 0, SELF_DESCRIBE_TAG) ? SELF_DESCRIBE_TAG.length : 0;
        if (startsWith(prefix, i, WORKER_MESSAGE_TAG)) {
            return INGESTER_RECORDING;
        }
        if (i >= prefix.length || CborInput.majorOf(prefix[i] & 0xff) != CborInput.MAJOR_ARRAY) {
            return null;
        }
        int info = prefix[i] & 31;
        if (info == 0) {
            return RAW_CAPTURE; // an empty message; a record always has 2 or 3 elements
        }
        int firstElement = i + 1 + argumentLength(info);
        if (argumentLength(info) < 0 || firstElement >= prefix.length) {
            return null;
        }
        int elementMajor = CborInput.majorOf(prefix[firstElement] & 0xff);
        if (elementMajor == CborInput.MAJOR_BYTES) {
            return RAW_CAPTURE;
        }
        boolean recordLength = info == 2 || info == 3 || info == 31;
        return elementMajor == CborInput.MAJOR_UNSIGNED && recordLength ? INGESTER_RECORDING : null;
    }

    /** For messages: what the file starts with, in hex. */
    static String startDescription(byte[] prefix) {
        byte[] shown = prefix.length > 8 ? Arrays.copyOf(prefix, 8) : prefix;
        return "it starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(shown);
    }

    private static int argumentLength(int info) {
        if (info < 24 || info == 31) {
            return 0;
        }
        return switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> -1;
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] expected) {
        if (bytes.length - offset < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
