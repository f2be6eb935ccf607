package io.jdranspose.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class ConnectedPushTest {
    @Test
    void aPeerThatDropsEveryConnectionBeforeTheHandshakeGetsANewSocketNotEndlessReconnectsOfTheOldOne()
            throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ZContext context = new ZContext(1)) {
            Thread closer = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();  // closed at once: jeromq sees a disconnect and reconnects
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            try (ConnectedPush push = new ConnectedPush(context, "tcp://127.0.0.1:" + server.getLocalPort(), 10,
                    Duration.ofMillis(300))) {
                assertThat(push.awaitConnected(Duration.ofMillis(2500), () -> false)).isFalse();
                assertThat(accepted.get()).as("jeromq reconnected by itself many times").isGreaterThan(3);
                // each disconnect restarts the attempt's clock; only the time since the socket last worked
                // tells that it is stuck
                assertThat(push.reopened()).as("new sockets made").isBetween(2, 5);
            }
            server.close();
            closer.join(2000);
        }
    }

    @Test
    void connectsAndSendsToARealPeer() throws Exception {
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket pull = context.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(5000);
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            try (ConnectedPush push = new ConnectedPush(context, "tcp://127.0.0.1:" + port, 10, Duration.ofSeconds(1))) {
                assertThat(push.awaitConnected(Duration.ofSeconds(10), () -> false)).isTrue();
                assertThat(push.send("h".getBytes(), List.of("f".getBytes()), () -> false)).isTrue();
                assertThat(new String(pull.recv())).isEqualTo("h");
                assertThat(new String(pull.recv())).isEqualTo("f");
            }
        }
    }
}
