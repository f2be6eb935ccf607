package io.jdranspose.api.pickle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;

/**
 * Arbitrary bytes either decode or fail with a {@link ProtocolException}: no other exception, no hang, no
 * out-of-memory. Replays the inputs in {@code PickleReaderFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PickleReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodesOrRefuses(byte[] data) {
        try {
            PickleReader.read(data);
        } catch (ProtocolException expected) {
            // the only acceptable failure
        }
    }
}
