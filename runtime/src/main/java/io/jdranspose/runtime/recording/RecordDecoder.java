package io.jdranspose.runtime.recording;

import io.jdranspose.api.StreamData;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jdranspose.runtime.recording.CborInput.INDEFINITE;
import static io.jdranspose.runtime.recording.CborInput.MAJOR_TAG;

/**
 * Decodes one record of an ingester recording (reference §6.2). Accepts what upstream's reader
 * accepts: the self-describe and message tags optional, 2 or 3 elements, and {@code created_at} as
 * tag 0 text or tag 1 epoch number.
 */
final class RecordDecoder implements ItemSequence.ItemDecoder<Recorded> {

    static final long SELF_DESCRIBE_TAG = 55799;
    static final long WORKER_MESSAGE_TAG = 42877;
    static final long STREAM_DATA_TAG = 42878;
    private static final long DATE_TIME_TEXT_TAG = 0;
    private static final long EPOCH_TIME_TAG = 1;

    private static final String RECORD = "a record (array of event number, streams and optionally created_at)";

    @Override
    public Recorded decode(CborInput in) throws DamageException, IOException {
        skipRecordTags(in);
        long at = in.position();
        long length = in.readArrayHeader(RECORD);
        if (length != 2 && length != 3 && length != INDEFINITE) {
            throw DamageException.malformed("expected " + RECORD + " of 2 or 3 elements, found an array of "
                    + length + " at byte " + at);
        }
        long eventNumber = in.readUnsigned("the event number (an unsigned integer)");
        Map<String, StreamData> streams = readStreams(in);
        Instant createdAt = null;
        if (length == 3 || (length == INDEFINITE && in.hasElement(INDEFINITE, 2, "the record"))) {
            createdAt = readCreatedAt(in);
            if (length == INDEFINITE) {
                in.expectBreak("the record");
            }
        }
        return new Recorded(eventNumber, streams, createdAt);
    }

    private static void skipRecordTags(CborInput in) throws DamageException, IOException {
        while (CborInput.majorOf(in.peekInitial(RECORD)) == MAJOR_TAG) {
            long at = in.position();
            long tag = in.readTag(RECORD);
            if (tag != SELF_DESCRIBE_TAG && tag != WORKER_MESSAGE_TAG) {
                throw DamageException.malformed("expected " + RECORD + ", found tag " + tag + " at byte " + at);
            }
        }
    }

    private static Map<String, StreamData> readStreams(CborInput in) throws DamageException, IOException {
        long count = in.readMapHeader("the streams (a map of stream name to typ and frames)");
        Map<String, StreamData> streams = new LinkedHashMap<>();
        for (long i = 0; in.hasElement(count, i, "the streams map"); i++) {
            String name = in.readText("a stream name (a text string)");
            streams.put(name, readStream(in, name));
        }
        return streams;
    }

    private static StreamData readStream(CborInput in, String name) throws DamageException, IOException {
        String expected = "stream '" + name + "' as [typ, frames]";
        if (CborInput.majorOf(in.peekInitial(expected)) == MAJOR_TAG) {
            long at = in.position();
            long tag = in.readTag(expected);
            if (tag != STREAM_DATA_TAG) {
                throw DamageException.malformed("expected " + expected + ", found tag " + tag + " at byte " + at);
            }
        }
        long at = in.position();
        long length = in.readArrayHeader(expected);
        if (length != 2 && length != INDEFINITE) {
            throw DamageException.malformed("expected " + expected + ", found an array of " + length
                    + " at byte " + at);
        }
        String typ = in.readText("the typ of stream '" + name + "' (a text string)");
        List<byte[]> frames = readFrames(in, name);
        if (length == INDEFINITE) {
            in.expectBreak(expected);
        }
        return new StreamData(typ, frames);
    }

    private static List<byte[]> readFrames(CborInput in, String name) throws DamageException, IOException {
        String container = "the frames of stream '" + name + "'";
        long count = in.readArrayHeader(container + " (an array of byte strings)");
        List<byte[]> frames = new ArrayList<>((int) Math.min(count == INDEFINITE ? 4 : count, 64));
        for (long i = 0; in.hasElement(count, i, container); i++) {
            frames.add(in.readByteString("frame data"));
        }
        return frames;
    }

    private static Instant readCreatedAt(CborInput in) throws DamageException, IOException {
        String expected = "created_at (tag 0 text or tag 1 number)";
        long at = in.position();
        int initial = in.peekInitial(expected);
        if (initial == CborInput.NULL) {
            in.readNull(expected);
            return null;
        }
        long tag = DATE_TIME_TEXT_TAG;
        if (CborInput.majorOf(initial) == MAJOR_TAG) {
            tag = in.readTag(expected);
        }
        try {
            if (tag == DATE_TIME_TEXT_TAG) {
                return CreatedAt.parse(in.readText(expected));
            }
            if (tag == EPOCH_TIME_TAG) {
                return CreatedAt.ofEpochSeconds(in.readNumber(expected));
            }
        } catch (DateTimeException e) {
            throw DamageException.malformed("created_at at byte " + at + " is not a valid time: "
                    + e.getMessage(), e);
        }
        throw DamageException.malformed("expected " + expected + ", found tag " + tag + " at byte " + at);
    }
}
