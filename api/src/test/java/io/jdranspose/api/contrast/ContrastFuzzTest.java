package io.jdranspose.api.contrast;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.FuzzFrames;

/** Any frames parse or fail with a {@link ProtocolException} (see {@link FuzzFrames} for the input layout). */
class ContrastFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parsesOrRefuses(byte[] data) {
        try {
            if (Contrast.parse(FuzzFrames.split(data)) instanceof ContrastPacket.Running point) {
                point.number("sx");
            }
        } catch (ProtocolException expected) {
            // the only acceptable failure
        }
    }
}
