package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Values that cannot work fail at render time with a message that names the key to fix. */
class BrokenValuesTest {
    @Test
    void ingesterWithoutUpstream() {
        assertFails("""
                ingesters:
                  eiger: {protocol: eiger-legacy}
                """, "ingesters.eiger.upstream is required");
    }

    @Test
    void ingesterWithoutProtocol() {
        assertFails("""
                ingesters:
                  eiger: {upstream: "tcp://eiger:9999"}
                """, "ingesters.eiger.protocol is required");
    }

    @Test
    void unknownProtocol() {
        assertFails("""
                ingesters:
                  eiger: {protocol: eiger2, upstream: "tcp://eiger:9999"}
                """, "ingesters/eiger/protocol", "value must be one of");
    }

    @Test
    void misspelledIngesterKey() {
        assertFails("""
                ingesters:
                  eiger: {protocol: stins, upstream: "tcp://eiger:9999", sokcet: pull}
                """, "sokcet");
    }

    @Test
    void sardanaGivenAnUpstream() {
        assertFails("""
                ingesters:
                  sardana: {protocol: sardana, upstream: "http://sardana:5000"}
                """, "ingesters.sardana: a sardana ingester listens rather than connects");
    }

    @Test
    void socketOnPlainTcp() {
        assertFails("""
                ingesters:
                  panda: {protocol: pcap-raw, upstream: "tcp://panda:8889", socket: sub}
                """, "ingesters.panda: socket (pull or sub) is for ZeroMQ protocols, not pcap-raw");
    }

    @Test
    void twoStreamsWithTheSameObjectName() {
        assertFails("""
                ingesters:
                  panda_0: {protocol: pcap-raw, upstream: "tcp://panda:8889"}
                  panda-0: {protocol: pcap-raw, upstream: "tcp://panda2:8889"}
                """, "both become the object name \"panda-0\"");
    }

    @Test
    void noRedisAtAll() {
        assertFails("redis: {enabled: false}", "set redis.url to an external Redis, or redis.enabled=true");
    }

    private static void assertFails(String values, String... messageParts) {
        assertThatThrownBy(() -> Chart.render(values)).message().contains(messageParts);
    }
}
