package io.jdranspose.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The yardsticks {@code bench pipeline} prints beside its own figures, measured over real sockets. */
class RawHopTest {
    @Test
    void aPacedHopMeasuresEveryMessagesLatencyAfterAWarmUp() throws Exception {
        RawHop.Latency l = RawHop.measurePaced(2048, 500, 2);
        assertThat(l.messages()).isEqualTo(1000);
        assertThat(l.rateHz()).isEqualTo(500);
        assertThat(l.p50Nanos()).as("a hop takes some time").isPositive();
        assertThat(l.p50Nanos()).isLessThanOrEqualTo(l.p99Nanos());
        assertThat(l.p99Nanos()).isLessThanOrEqualTo(l.maxNanos());
        assertThat(l.maxNanos()).as("no message waited a second")
                .isLessThan(1_000_000_000L);
    }

    @Test
    void aFullSpeedHopCountsMessagesAndBytes() throws Exception {
        RawHop.Result r = RawHop.measure(4096, 0.5);
        assertThat(r.messagesPerSecond()).isGreaterThan(100);
        assertThat(r.bytesPerSecond()).isEqualTo(r.messagesPerSecond() * 4096);
    }
}
