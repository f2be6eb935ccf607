package io.jdranspose.api.eiger;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.FuzzFrames;

/**
 * Whatever the parts, {@link EigerLegacy#parse} and the {@code data()} of images and header tables either work
 * or throw {@link ProtocolException}. Input layout: {@link FuzzFrames}.
 */
class EigerLegacyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        try {
            EigerPacket packet = EigerLegacy.parse(FuzzFrames.split(data));
            if (packet instanceof EigerPacket.Image image) {
                image.data().sum();
            } else if (packet instanceof EigerPacket.Header header) {
                for (EigerPacket.Table table : header.tables()) {
                    try {
                        table.data().sum();
                    } catch (ProtocolException expected) {
                        // a bad table must not hide the others from the fuzzer
                    }
                }
            }
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }
}
