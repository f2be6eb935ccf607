package io.jdranspose.api.stins;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.FuzzFrames;

/**
 * Whatever the frames, {@link Stins#parse} and {@link StinsPacket.Image#data()} either work or throw
 * {@link ProtocolException}. Input layout: {@link FuzzFrames}.
 */
class StinsFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        try {
            StinsPacket packet = Stins.parse(FuzzFrames.split(data));
            if (packet.image() != null) {
                packet.image().data().sum();
            }
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }
}
