package io.jdranspose.api.xspress;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.FuzzFrames;

/** Any frames parse or fail with a {@link ProtocolException} (see {@link FuzzFrames} for the input layout). */
class Xspress3FuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parsesOrRefuses(byte[] data) {
        var frames = FuzzFrames.split(data);
        Xspress3.classify(frames);
        try {
            Xspress3Packet p = Xspress3.parse(frames);
            if (p instanceof Xspress3Packet.Image image) {
                image.spectra().sum();
            }
        } catch (ProtocolException expected) {
            // the only acceptable failure
        }
    }
}
