package io.jdranspose.api.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapturesTest {
    @Test
    void readsEveryMessageOfPlainAndGzippedCaptures() {
        assertThat(Captures.messages("albaem-dump.cbors")).hasSize(6);
        assertThat(Captures.messages("pcap-zmq.cbors")).hasSize(102);
        assertThat(Captures.messages("maui-02-continuous-3.cbor.gz")).hasSize(9);
        assertThat(Captures.messages("eiger-small.cbors").get(0)).hasSize(9);
    }
}
