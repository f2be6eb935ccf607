package io.jdranspose.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// a sender or receiver stuck in jeromq must fail the build, not hang it
@Timeout(60)
class ZmqSenderTest {
    private static final String ANY_PORT = "tcp://127.0.0.1:*";

    @Test
    void pullReceivesExactlyTheStinsSeries() throws Exception {
        DiffractionFrames frames = DiffractionFrames.builder(64, 48, DType.UINT16).seed(11).build();
        List<List<byte[]>> expected = StinsMessagesTest.collect(StinsMessages.series(frames, 20, "/tmp/x.h5"));

        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            CompletableFuture<Long> sending = sendInBackground(sender, expected);
            List<List<byte[]>> received = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                received.add(pull.receive());
            }

            assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(22);
            assertThat(pull.receive(200)).as("nothing after series_end").isNull();
            assertThat(received).hasSize(22);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(received.get(i)).as("message %d", i).containsExactlyElementsOf(expected.get(i));
            }
            assertThat(text(received.get(0).get(0))).isEqualTo("{\"htype\":\"header\",\"filename\":\"/tmp/x.h5\",\"msg_number\":0}");
            assertThat(received.get(5).get(1)).isEqualTo(frames.frame(4));
            assertThat(text(received.get(21).get(0))).isEqualTo("{\"htype\":\"series_end\",\"msg_number\":21}");
            assertThat(sender.messagesSent()).isEqualTo(22);
            assertThat(sender.bytesSent()).isEqualTo(expected.stream().flatMap(List::stream).mapToLong(p -> p.length).sum());
        }
    }

    @Test
    void rateIsRespected() throws Exception {
        List<List<byte[]>> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(List.of(new byte[] {(byte) i}));
        }
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).rateHz(500).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            long start = System.nanoTime();
            CompletableFuture<Long> sending = sendInBackground(sender, messages);
            for (int i = 0; i < 50; i++) {
                assertThat(pull.receive()).isNotNull();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(50);
            // 49 periods of 2 ms after the first message; generous upper bound for a loaded machine
            assertThat(millis).isBetween(90L, 2000L);
        }
    }

    @Test
    void unpacedSenderDoesNotWait() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                sender.send(List.of(new byte[] {1}));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(pull.receive()).isNotNull();
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        }
    }

    @Test
    void pubDeliversEverythingOnceTheSubscriberIsThere() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).kind(ZmqSender.Kind.PUB).peerTimeout(Duration.ofSeconds(30)).open()) {
            // the sender waits for the subscription before its first message, so nothing is lost
            CompletableFuture<Long> sending = sendInBackground(sender, List.of(
                    List.of(bytes("a"), bytes("1")), List.of(bytes("b")), List.of(bytes("c"), bytes("3"))));
            try (Receiver sub = subscribed(sender, 1)) {
                assertThat(sub.receive()).containsExactly(bytes("a"), bytes("1"));
                assertThat(sub.receive()).containsExactly(bytes("b"));
                assertThat(sub.receive()).containsExactly(bytes("c"), bytes("3"));
                assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            }
        }
    }

    @Test
    void pubWaitsForSeveralSubscribers() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).kind(ZmqSender.Kind.PUB).peers(2)
                .peerTimeout(Duration.ofSeconds(30)).open()) {
            CompletableFuture<Long> sending = sendInBackground(sender, List.of(List.of(bytes("hello"))));
            try (Receiver first = subscribed(sender, 1)) {
                Thread.sleep(100);
                assertThat(sending).as("waiting for the second subscriber").isNotDone();
                assertThat(sender.messagesSent()).isZero();

                try (Receiver second = subscribed(sender, 2)) {
                    assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(1);
                    assertThat(first.receive()).containsExactly(bytes("hello"));
                    assertThat(second.receive()).containsExactly(bytes("hello"));
                }
            }
        }
    }

    /**
     * A subscriber whose subscription the sender (waiting for peers) has counted as its {@code nth}. About one
     * connection in 25 to an XPUB, jeromq 0.6.0 leaves stuck before its handshake, and after the reconnect the
     * subscription never arrives; such a receiver is replaced, as a user would restart it.
     */
    private static Receiver subscribed(ZmqSender sender, int nth) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Receiver r = Receiver.sub(sender.endpoint());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (sender.peers() < nth && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (sender.peers() >= nth) {
                return r;
            }
            r.close();
            assertThat(attempt).as("connections whose subscription never arrived").isLessThan(4);
        }
    }

    @Test
    void pubWithoutSubscriberGivesUpAfterTheTimeout() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).kind(ZmqSender.Kind.PUB).open()) {
            long start = System.nanoTime();
            assertThat(sender.awaitPeers(1, Duration.ofMillis(150))).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(140);
        }
    }

    @Test
    void preambleIsSentFirstAndNotCounted() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            sender.sendPreamble(List.of(List.of(bytes("junk"))));
            sender.send(List.of(bytes("data")));

            assertThat(pull.receive()).containsExactly(bytes("junk"));
            assertThat(pull.receive()).containsExactly(bytes("data"));
            assertThat(sender.messagesSent()).isEqualTo(1);
            assertThat(sender.bytesSent()).isEqualTo(4);
        }
    }

    @Test
    void aPayloadInNativeMemoryArrivesAsItsBytesBetweenPositionAndLimit() throws Exception {
        java.nio.ByteBuffer payload = java.nio.ByteBuffer.allocateDirect(300_000);
        for (int i = 0; i < payload.capacity(); i++) {
            payload.put(i, (byte) (i % 251));
        }
        payload.position(100).limit(200_100);
        byte[] expected = new byte[200_000];
        payload.duplicate().get(expected);
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
            sender.send(bytes("first"), payload);
            sender.send(bytes("second"), payload);

            assertThat(pull.receive()).containsExactly(bytes("first"), expected);
            assertThat(pull.receive()).containsExactly(bytes("second"), expected);
            assertThat(payload.position()).as("the caller's buffer is not consumed").isEqualTo(100);
            assertThat(sender.messagesSent()).isEqualTo(2);
            assertThat(sender.bytesSent()).isEqualTo(2 * (5 + 200_000) + 1);
        }
    }

    @Test
    void bindingATakenPortFailsWithTheEndpointInTheMessage() {
        try (ZmqSender first = ZmqSender.bind(ANY_PORT).open()) {
            assertThatThrownBy(() -> ZmqSender.bind(first.endpoint()).open())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(first.endpoint());
        }
    }

    @Test
    void closedSenderRefusesToSendAndKindParses() {
        ZmqSender sender = ZmqSender.bind(ANY_PORT).open();
        sender.close();
        sender.close();

        assertThatThrownBy(() -> sender.send(List.of(bytes("x")))).isInstanceOf(IllegalStateException.class);
        assertThat(ZmqSender.Kind.parse(" Pub ")).isEqualTo(ZmqSender.Kind.PUB);
        assertThatThrownBy(() -> ZmqSender.Kind.parse("router")).hasMessageContaining("push or pub");
    }

    @Test
    void pushWaitsForAPeerThatCompletedTheHandshake() throws Exception {
        try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open()) {
            CompletableFuture<Long> sending = sendInBackground(sender, List.of(List.of(bytes("first")), List.of(bytes("second"))));
            Thread.sleep(100);
            assertThat(sending).isNotDone();
            assertThat(sender.peers()).isZero();

            try (Receiver pull = Receiver.pull(sender.endpoint())) {
                assertThat(pull.receive()).containsExactly(bytes("first"));
                assertThat(pull.receive()).containsExactly(bytes("second"));
            }
            assertThat(sending.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(sender.peers()).isEqualTo(1);
        }
    }

    @Test
    void firstMessageReachesEveryFreshPeer() throws Exception {
        // jeromq 0.6.0 leaves a few percent of fresh connections stuck; none of them may swallow the start
        for (int i = 0; i < 30; i++) {
            try (ZmqSender sender = ZmqSender.bind(ANY_PORT).open(); Receiver pull = Receiver.pull(sender.endpoint())) {
                sender.send(List.of(bytes("start " + i)));
                assertThat(pull.receive()).as("attempt %d", i).containsExactly(bytes("start " + i));
            }
        }
    }

    @Test
    void interruptStopsASenderBlockedWithoutPeer() throws Exception {
        // peers(1) blocks in the wait for a handshake, peers(0) in the socket's send
        for (int peers = 0; peers <= 1; peers++) {
            try (ZmqSender sender = ZmqSender.bind(ANY_PORT).peers(peers).linger(Duration.ZERO).open()) {
                AtomicReference<Throwable> ended = new AtomicReference<>();
                Thread thread = Thread.ofPlatform().start(() -> {
                    try {
                        sender.send(List.of(new byte[100]));
                    } catch (Throwable e) {
                        ended.set(e);
                    }
                });
                thread.join(300);
                assertThat(thread.isAlive()).as("blocked without a peer").isTrue();
                thread.interrupt();
                thread.join(2000);

                assertThat(thread.isAlive()).as("peers(%d): %s", peers, java.util.Arrays.toString(thread.getStackTrace())).isFalse();
                assertThat(ended.get()).isInstanceOf(InterruptedException.class);
                assertThat(sender.messagesSent()).isZero();
            }
        }
    }

    static CompletableFuture<Long> sendInBackground(ZmqSender sender, List<List<byte[]>> messages) {
        // a thread of its own: the common pool may have a single worker on a 2-core machine
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sender.sendAll(messages.iterator());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, task -> Thread.ofPlatform().daemon().name("test-sender").start(task));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
