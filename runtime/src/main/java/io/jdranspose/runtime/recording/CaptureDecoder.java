package io.jdranspose.runtime.recording;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.jdranspose.runtime.recording.CborInput.INDEFINITE;
import static io.jdranspose.runtime.recording.CborInput.MAJOR_TAG;

/** Decodes one item of a raw capture (reference §6.3): an array of byte strings, one per message part. */
final class CaptureDecoder implements ItemSequence.ItemDecoder<List<byte[]>> {

    private static final String MESSAGE = "a message (an array of byte strings)";

    @Override
    public List<byte[]> decode(CborInput in) throws DamageException, IOException {
        // Captures carry no tags; a self-describe tag is harmless, so it is allowed.
        if (CborInput.majorOf(in.peekInitial(MESSAGE)) == MAJOR_TAG) {
            long at = in.position();
            long tag = in.readTag(MESSAGE);
            if (tag != RecordDecoder.SELF_DESCRIBE_TAG) {
                throw DamageException.malformed("expected " + MESSAGE + ", found tag " + tag + " at byte " + at);
            }
        }
        long count = in.readArrayHeader(MESSAGE);
        List<byte[]> parts = new ArrayList<>((int) Math.min(count == INDEFINITE ? 4 : count, 64));
        for (long i = 0; in.hasElement(count, i, "the message"); i++) {
            parts.add(in.readByteString("message part data"));
        }
        return Collections.unmodifiableList(parts);
    }
}
