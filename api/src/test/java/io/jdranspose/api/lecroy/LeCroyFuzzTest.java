package io.jdranspose.api.lecroy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.FuzzFrames;

/** Any frames parse or fail with a {@link ProtocolException} (see {@link FuzzFrames} for the input layout). */
class LeCroyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parsesOrRefuses(byte[] data) {
        try {
            if (LeCroy.parse(FuzzFrames.split(data)) instanceof LeCroyPacket.Sequence seq) {
                seq.traces().forEach(t -> t.waveforms().max());
            }
        } catch (ProtocolException expected) {
            // the only acceptable failure
        }
    }
}
