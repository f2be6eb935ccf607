package io.jdranspose.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.ingester.IngesterConfig;
import io.jdranspose.ingester.UpstreamSocket;
import io.jdranspose.ingester.UpstreamTransport;
import org.junit.jupiter.api.Test;

/** {@code local --stream NAME=URL[,sub|pull][,PROTOCOL]} starts the ingester each protocol needs. */
class LocalStreamOptionTest {

    @Test
    void eachProtocolGetsItsDevicesUsualSocketUnlessOneIsNamed() {
        IngesterConfig eiger = LocalCommand.parseStream("eiger=tcp://det:9999,eiger-legacy");
        assertThat(eiger.protocol().streamType()).isEqualTo("EIGER_LEGACY");
        assertThat(eiger.socket()).isEqualTo(UpstreamSocket.PULL);
        IngesterConfig xspress = LocalCommand.parseStream("xspress3=tcp://det:9999,xspress3");
        assertThat(xspress.protocol().streamType()).isEqualTo("xspress");
        assertThat(xspress.socket()).isEqualTo(UpstreamSocket.SUB);
        assertThat(LocalCommand.parseStream("pcap=tcp://panda:9999,PULL,pcap").socket()).isEqualTo(UpstreamSocket.PULL);
        IngesterConfig panda = LocalCommand.parseStream("panda=tcp://panda:8889,pcap-raw");
        assertThat(panda.protocol().transport()).isEqualTo(UpstreamTransport.TCP);
        assertThat(panda.keepsReading()).as("an undrained PandA connection stalls the PandA").isTrue();
        IngesterConfig sardana = LocalCommand.parseStream("sardana=http://0.0.0.0:5002,sardana");
        assertThat(sardana.protocol().transport()).isEqualTo(UpstreamTransport.HTTP);
        assertThat(sardana.sourceKind()).isEqualTo("http");
        assertThat(LocalCommand.parseStream("eiger=tcp://det:9999").protocol().streamType()).isEqualTo("STINS");
    }
}
