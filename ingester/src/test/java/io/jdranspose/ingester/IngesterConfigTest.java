package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.ingester.protocol.StinsProtocol;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IngesterConfigTest {
    @Test
    void ofNamesTheIngesterAfterItsStreamAndPullsStinsWithoutRecording() {
        IngesterConfig c = IngesterConfig.of("eiger", "tcp://detector:9999");
        assertThat(c.name()).isEqualTo("eiger-ingester");
        assertThat(c.stream()).isEqualTo("eiger");
        assertThat(c.upstreamUrl()).isEqualTo("tcp://detector:9999");
        assertThat(c.socket()).isEqualTo(UpstreamSocket.PULL);
        assertThat(c.protocol()).isInstanceOf(StinsProtocol.class);
        assertThat(c.dumpPath()).isNull();
        assertThat(c.queueFrames()).isEqualTo(100_000);
    }

    @Test
    void invalidFieldsAreRefusedWithTheReason() {
        StinsProtocol stins = new StinsProtocol();
        assertThatThrownBy(() -> new IngesterConfig("a:b", "eiger", "tcp://h:1", UpstreamSocket.PULL, stins, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a:b'");
        assertThatThrownBy(() -> new IngesterConfig("i", "eiger", "http://h:1", UpstreamSocket.PULL, stins, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upstream URL must start with tcp://, ipc:// or inproc://, got 'http://h:1'");
        assertThatThrownBy(() -> new IngesterConfig("i", "eiger", "tcp://h:1", UpstreamSocket.SUB, stins, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("queue frames must be at least 1, got 0");
        assertThatThrownBy(() -> new IngesterConfig("i", " ", "tcp://h:1", UpstreamSocket.SUB, stins, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("stream name must not be empty");
        assertThat(new IngesterConfig("i", "s", "ipc:///tmp/x", UpstreamSocket.SUB, stins, Path.of("d.cbors"), 1)
                .dumpPath()).isEqualTo(Path.of("d.cbors"));
        assertThat(new IngesterConfig("i", "s", "inproc://x", UpstreamSocket.SUB, stins, null, 1).upstreamUrl())
                .isEqualTo("inproc://x");
    }

    @Test
    void upstreamSocketParsesPullAndSubInAnyCaseAndNothingElse() {
        assertThat(UpstreamSocket.parse("pull")).isEqualTo(UpstreamSocket.PULL);
        assertThat(UpstreamSocket.parse(" SUB ")).isEqualTo(UpstreamSocket.SUB);
        assertThatThrownBy(() -> UpstreamSocket.parse("push")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upstream socket must be pull or sub, got 'push'");
        assertThatThrownBy(() -> UpstreamSocket.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
