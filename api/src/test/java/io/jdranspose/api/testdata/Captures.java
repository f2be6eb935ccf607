package io.jdranspose.api.testdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The raw upstream captures beside the project ({@code ../shared/data/captures}, reference §6.3): a CBOR
 * sequence whose items are arrays of byte strings, one multipart message each. The api module cannot use
 * runtime's reader (runtime depends on api), so tests read them with Jackson's CBOR parser.
 */
public final class Captures {
    private Captures() {
    }

    /** A capture file by name; skips the test with a clear message when {@code ../shared} is absent. */
    public static Path file(String name) {
        Path shared = Path.of(System.getProperty("jdranspose.shared", "../../shared"));
        Path f = shared.resolve("data").resolve("captures").resolve(name);
        assumeTrue(Files.isRegularFile(f), "test data " + f + " is absent: clone the project with ../shared beside it");
        return f;
    }

    /** Every message of a capture, each a list of frames, in the order the device sent them. */
    public static List<List<byte[]>> messages(String name) {
        Path path = file(name);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            List<List<byte[]>> messages = new ArrayList<>();
            try (JsonParser parser = new CBORFactory().createParser(in)) {
                for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new IOException(name + ": item " + messages.size() + " is not an array of frames");
                    }
                    List<byte[]> frames = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        frames.add(parser.getBinaryValue());
                    }
                    messages.add(frames);
                }
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
