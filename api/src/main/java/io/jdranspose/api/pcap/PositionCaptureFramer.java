package io.jdranspose.api.pcap;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the byte stream of a PandA position capture connection into frames, whatever the chunk boundaries:
 * one {@link Kind#HEADER} per arm (every line from {@code arm_time:} through the first empty line, the blank
 * line included), one {@link Kind#DATA} per data line, the {@link Kind#END} line, then the next arm on the same
 * connection. Everything else, such as the {@code OK} reply to the opening newline or lines between arms, comes
 * out as {@link Kind#IGNORED} so the ingester can drop it. Frames keep their {@code \n}.
 *
 * <pre>{@code
 * PositionCaptureFramer framer = new PositionCaptureFramer();
 * for (int n; (n = in.read(buf)) > 0; ) {
 *     for (PositionCaptureFramer.Frame f : framer.feed(buf, 0, n)) {
 *         if (f.kind() != PositionCaptureFramer.Kind.IGNORED) forward(f.bytes());
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe: one framer per connection.
 */
public final class PositionCaptureFramer {
    /** Longest line and longest header block accepted; PandA's are well under a kilobyte. */
    public static final int MAX_FRAME_BYTES = 1 << 20;

    /** What a frame is. */
    public enum Kind { HEADER, DATA, END, IGNORED }

    /** One frame, with its line ending. */
    public record Frame(Kind kind, byte[] bytes) {
        @Override
        public String toString() {
            return kind + "[" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\n", "\\n")
                    + "]";
        }
    }

    private enum State { BETWEEN_ARMS, IN_HEADER, IN_DATA }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream header = new ByteArrayOutputStream(1024);
    private State state = State.BETWEEN_ARMS;
    private boolean discarding;

    /** Bytes of an unfinished line held until its {@code \n} arrives. */
    public int buffered() {
        return line.size() + header.size();
    }

    /** Feeds a whole chunk. */
    public List<Frame> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /**
     * Feeds bytes as they came from the socket and returns the frames they complete, in order.
     *
     * Never throws: a line or header block longer than {@link #MAX_FRAME_BYTES} comes out as an
     * {@link Kind#IGNORED} frame of its first bytes, the rest of that line is dropped and the framer waits for
     * the next arm, so one bad line cannot exhaust memory or lose the frames around it.
     */
    public List<Frame> feed(byte[] chunk, int offset, int length) {
        List<Frame> frames = new ArrayList<>();
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                if (discarding) {
                    discarding = false;
                } else {
                    if (append(chunk, start, i + 1 - start, frames)) {
                        line(line.toByteArray(), frames);
                    }
                }
                line.reset();
                start = i + 1;
            }
        }
        if (start < end && !discarding) {
            append(chunk, start, end - start, frames);
        }
        return frames;
    }

    /** Adds to the current line; false when that made it too long and it was dropped. */
    private boolean append(byte[] chunk, int from, int n, List<Frame> frames) {
        if (line.size() + n > MAX_FRAME_BYTES) {
            frames.add(new Frame(Kind.IGNORED, line.toByteArray()));
            line.reset();
            header.reset();
            state = State.BETWEEN_ARMS;
            discarding = chunk[from + n - 1] != '\n';
            return false;
        }
        line.write(chunk, from, n);
        return true;
    }

    private void line(byte[] text, List<Frame> frames) {
        if (startsWith(text, "arm_time:")) {
            header.reset();
            state = State.IN_HEADER;
        }
        switch (state) {
            case BETWEEN_ARMS -> frames.add(new Frame(Kind.IGNORED, text));
            case IN_HEADER -> {
                if (header.size() + text.length > MAX_FRAME_BYTES) {
                    frames.add(new Frame(Kind.IGNORED, header.toByteArray()));
                    header.reset();
                    state = State.BETWEEN_ARMS;
                    return;
                }
                header.write(text, 0, text.length);
                if (isBlank(text)) {
                    frames.add(new Frame(Kind.HEADER, header.toByteArray()));
                    header.reset();
                    state = State.IN_DATA;
                }
            }
            case IN_DATA -> {
                if (startsWith(text, "END")) {
                    frames.add(new Frame(Kind.END, text));
                    state = State.BETWEEN_ARMS;
                } else {
                    frames.add(new Frame(isBlank(text) ? Kind.IGNORED : Kind.DATA, text));
                }
            }
        }
    }

    private static boolean isBlank(byte[] text) {
        return text.length == 1 || text.length == 2 && text[0] == '\r';
    }

    private static boolean startsWith(byte[] text, String prefix) {
        if (text.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
