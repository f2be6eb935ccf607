package io.jdranspose.simulator;

import static io.jdranspose.simulator.ZmqSenderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CapturePlayerTest {
    private static final String ANY_PORT = "tcp://127.0.0.1:*";

    @Test
    void playsEveryMessageAfterTheEmptynessPreamble() throws Exception {
        List<List<byte[]>> capture = capture(4);
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            long played = new CapturePlayer(sender).emptyness(true).play(capture.iterator());

            assertThat(played).isEqualTo(4);
            for (int i = 0; i < 3; i++) {
                assertThat(pull.receive()).containsExactly(bytes("emptyness"));
            }
            for (List<byte[]> message : capture) {
                assertThat(pull.receive()).containsExactlyElementsOf(message);
            }
            assertThat(pull.receive(200)).isNull();
            assertThat(sender.messagesSent()).isEqualTo(4);
        }
    }

    @Test
    void playsOnlyTheRangeWithoutPreambleByDefault() throws Exception {
        List<List<byte[]>> capture = capture(6);
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            long played = new CapturePlayer(sender).range(2, 4).play(capture.iterator());

            assertThat(played).isEqualTo(2);
            assertThat(pull.receive()).containsExactlyElementsOf(capture.get(2));
            assertThat(pull.receive()).containsExactlyElementsOf(capture.get(3));
            assertThat(pull.receive(200)).isNull();
        }
    }

    @Test
    void rangePastTheEndStopsAtTheEnd() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            List<List<byte[]>> capture = capture(3);
            assertThat(new CapturePlayer(sender).range(1, 100).play(capture.iterator())).isEqualTo(2);
            assertThat(pull.receive()).containsExactlyElementsOf(capture.get(1));
            assertThat(pull.receive()).containsExactlyElementsOf(capture.get(2));
        }
    }

    @Test
    void delaySpacesTheMessages() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            long start = System.nanoTime();
            new CapturePlayer(sender).delay(Duration.ofMillis(20)).play(capture(6).iterator());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(millis).isBetween(95L, 2000L); // 5 gaps of 20 ms
            for (int i = 0; i < 6; i++) {
                assertThat(pull.receive()).isNotNull();
            }
        }
    }

    @Test
    void emptyCaptureOrEmptyRangeIsAnErrorAndSendsNothing() {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open()) {
            CapturePlayer player = new CapturePlayer(sender).emptyness(true);

            assertThatThrownBy(() -> player.play(Collections.emptyIterator())).hasMessageContaining("no messages");
            assertThatThrownBy(() -> new CapturePlayer(sender).range(5, 9).play(capture(3).iterator()))
                    .hasMessageContaining("ends before message 5");
            assertThatThrownBy(() -> player.range(3, 3)).isInstanceOf(IllegalArgumentException.class);
            assertThat(sender.messagesSent()).isZero();
        }
    }

    private static List<List<byte[]>> capture(int n) {
        List<List<byte[]>> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(i % 2 == 0 ? List.of(bytes("{\"m\":" + i + "}")) : List.of(bytes("{\"m\":" + i + "}"), new byte[] {(byte) i, 2, 3}));
        }
        return messages;
    }
}
