package io.jdranspose.ingester;

import io.jdranspose.runtime.wire.PartHeader;
import java.util.List;

/** One message a fake worker received: the decoded part header and the frames after it. */
record Received(PartHeader header, List<byte[]> frames) {
    long event() {
        return header.event();
    }
}
