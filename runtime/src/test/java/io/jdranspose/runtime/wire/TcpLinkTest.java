package io.jdranspose.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** {@link TcpSender} → {@link TcpInbox} over real sockets on 127.0.0.1. */
class TcpLinkTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(TcpInbox.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    private List<String> warnings() {
        synchronized (log.list) {
            return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static List<byte[]> receive(TcpInbox inbox, int count) throws Exception {
        List<byte[]> got = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got.size() < count && System.nanoTime() < deadline) {
            List<byte[]> m = inbox.receive(100);
            if (m != null) {
                got.addAll(m);
                got.add(null);  // end of message
            }
            if (m != null && got.stream().filter(x -> x == null).count() == count) {
                break;
            }
        }
        return got;
    }

    private static String endpoint(TcpInbox inbox) {
        return "tcp://127.0.0.1:" + inbox.port();
    }

    @Test
    void messagesOfEverySizeArriveWholeAndInOrder() throws Exception {
        int[][] sizes = {{0}, {5, 2048}, {64 * 1024 - 20}, {100, 300 * 1024, 7}, {3 << 20}, {1, 0, 2}};
        try (TcpInbox inbox = TcpInbox.bind("test inbox", "127.0.0.1");
             TcpSender sender = new TcpSender(endpoint(inbox))) {
            assertThat(sender.awaitConnected(Duration.ofSeconds(10), () -> false)).isTrue();
            AtomicInteger sent = new AtomicInteger();
            // sent from another thread: more than the kernel buffers, so sends wait for the reads below
            Thread sending = Thread.ofPlatform().start(() -> {
                long deadline = System.nanoTime() + 20_000_000_000L;
                for (int round = 0; round < 3; round++) {
                    for (int m = 0; m < sizes.length; m++) {
                        List<byte[]> parts = new ArrayList<>();
                        for (int p = 0; p < sizes[m].length; p++) {
                            parts.add(bytes(sizes[m][p], m * 10 + p + round));
                        }
                        if (sender.send(parts.get(0), parts.subList(1, parts.size()), () -> System.nanoTime() > deadline)) {
                            sent.incrementAndGet();
                        }
                    }
                }
            });
            for (int round = 0; round < 3; round++) {
                for (int m = 0; m < sizes.length; m++) {
                    List<byte[]> got = null;
                    for (int tries = 0; got == null && tries < 100; tries++) {
                        got = inbox.receive(100);
                    }
                    assertThat(got).as("message %d of round %d", m, round).hasSize(sizes[m].length);
                    for (int p = 0; p < sizes[m].length; p++) {
                        assertThat(got.get(p)).as("part %d of message %d", p, m)
                                .isEqualTo(bytes(sizes[m][p], m * 10 + p + round));
                    }
                }
            }
            sending.join(10_000);
            assertThat(sent.get()).isEqualTo(3 * sizes.length);
            assertThat(inbox.receive(50)).isNull();
            assertThat(sender.connections()).isEqualTo(1);
        }
    }

    @Test
    void garbageAndZeroMqPeersAreClosedWithALogLineWhileOthersGoOn() throws Exception {
        try (TcpInbox inbox = TcpInbox.bind("worker w1", "127.0.0.1");
             TcpSender sender = new TcpSender(endpoint(inbox));
             Socket garbage = new Socket(InetAddress.getLoopbackAddress(), inbox.port());
             ZContext context = new ZContext(1)) {
            OutputStream out = garbage.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes());
            out.flush();
            ZMQ.Socket push = context.createSocket(SocketType.PUSH);
            push.setLinger(0);
            push.connect(endpoint(inbox));
            push.send("hello", ZMQ.DONTWAIT);
            assertThat(sender.send("first".getBytes(), List.of("frame".getBytes()), () -> false)).isTrue();
            List<byte[]> got = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (inbox.rejected() < 2 || got == null) {
                assertThat(System.nanoTime()).as("both rejected and the message received in time").isLessThan(deadline);
                List<byte[]> m = inbox.receive(50);
                if (m != null) {
                    got = m;
                }
            }
            assertThat(got).extracting(String::new).containsExactly("first", "frame");
            assertThat(warnings()).anySatisfy(w -> assertThat(w).startsWith("worker w1: closed the connection from /127.0.0.1:")
                    .contains("it does not speak jdranspose's internal framing (it began with \"GET / HT\""));
            // a ZeroMQ peer's greeting begins with 0xff
            assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("(it began with \"\\xff"));
            assertThat(garbage.getInputStream().read()).as("the garbage connection is closed").isEqualTo(-1);
        }
    }

    @Test
    void anImpossibleLengthClosesTheConnection() throws Exception {
        try (TcpInbox inbox = TcpInbox.bind("reducer", "127.0.0.1");
             Socket raw = new Socket(InetAddress.getLoopbackAddress(), inbox.port())) {
            OutputStream out = raw.getOutputStream();
            out.write(TcpFraming.GREETING);
            out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.flush();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (inbox.rejected() < 1 && System.nanoTime() < deadline) {
                assertThat(inbox.receive(50)).isNull();
            }
            assertThat(warnings()).anySatisfy(w -> assertThat(w).startsWith("reducer: closed the connection from")
                    .endsWith("a part of 2147483647 bytes, more than the 1073741824 allowed"));
        }
    }

    @Test
    void aMessageCutOffByAClosedConnectionIsDroppedAndTheNextConnectionIsReadFromItsStart() throws Exception {
        try (TcpInbox inbox = TcpInbox.bind("worker w1", "127.0.0.1")) {
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), inbox.port())) {
                OutputStream out = raw.getOutputStream();
                out.write(TcpFraming.GREETING);
                out.write(new byte[] {0, 0, 0, 10, 1, 2, 3});  // 3 of 10 bytes
                out.flush();
            }
            try (TcpSender sender = new TcpSender(endpoint(inbox))) {
                assertThat(sender.send("whole".getBytes(), List.of(), () -> false)).isTrue();
                List<byte[]> got = receive(inbox, 1);
                assertThat(got).hasSize(2);
                assertThat(new String(got.get(0))).isEqualTo("whole");
            }
            assertThat(inbox.rejected()).isZero();
        }
    }

    @Test
    void aSenderWaitsWhileTheReceiverDoesNotReadAndGivesUpWhenAsked() throws Exception {
        try (TcpInbox inbox = TcpInbox.bind("worker w1", "127.0.0.1");
             TcpSender sender = new TcpSender(endpoint(inbox))) {
            byte[] frame = new byte[1 << 20];
            AtomicInteger asked = new AtomicInteger();
            int sent = 0;
            // nobody reads: the kernel's buffers fill, then a send waits and asks whether to give up
            while (sender.send(new byte[8], List.of(frame), () -> asked.incrementAndGet() > 20)) {
                sent++;
                assertThat(sent).as("sends stopped by full buffers").isLessThan(200);
            }
            assertThat(asked.get()).isEqualTo(21);
            int connectionsAfterGivingUp = sender.connections();
            // what was sent arrives whole; a message given up in its middle does not arrive at all
            int received = 0;
            List<byte[]> m;
            while ((m = inbox.receive(200)) != null) {
                assertThat(m).hasSize(2);
                assertThat(m.get(1)).hasSize(1 << 20);
                received++;
            }
            assertThat(received).isEqualTo(sent);
            assertThat(sender.send("after".getBytes(), List.of(), () -> false)).isTrue();
            List<byte[]> after = receive(inbox, 1);
            assertThat(new String(after.get(0))).isEqualTo("after");
            assertThat(sender.connections()).isGreaterThanOrEqualTo(connectionsAfterGivingUp);
        }
    }

    @Test
    void aSenderReconnectsToAnInboxThatCameBackAndCountsTheConnections() throws Exception {
        TcpInbox first = TcpInbox.bind("reducer", "127.0.0.1");
        int port = first.port();
        try (TcpSender sender = new TcpSender(endpoint(first))) {
            assertThat(sender.send("one".getBytes(), List.of(), () -> false)).isTrue();
            assertThat(new String(receive(first, 1).get(0))).isEqualTo("one");
            first.close();
            // a new inbox on the same port, as a restarted reducer would have
            TcpInbox second = null;
            for (int i = 0; second == null && i < 50; i++) {
                try {
                    second = bindPort(port);
                } catch (java.io.IOException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(second).as("port %d free again", port).isNotNull();
            try (TcpInbox again = second) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                List<String> got = new ArrayList<>();
                // the sender looks for a close before a send that comes 2 ms or more after its last look, so
                // "two" does not vanish into the dead connection but arrives on the new one
                Thread.sleep(5);
                assertThat(sender.send("two".getBytes(), List.of(), () -> System.nanoTime() > deadline)).isTrue();
                List<byte[]> m = receive(again, 1);
                got.add(new String(m.get(0)));
                assertThat(got).containsExactly("two");
                assertThat(sender.connections()).isEqualTo(2);
            }
        }
    }

    @Test
    void aBadEndpointIsNamed() {
        assertThatThrownBy(() -> new TcpSender("ipc:///tmp/x")).hasMessage("not a tcp://host:port endpoint: ipc:///tmp/x");
        assertThatThrownBy(() -> new TcpSender("tcp://host")).hasMessage("no port in endpoint tcp://host");
        assertThatThrownBy(() -> new TcpSender("tcp://host:http")).hasMessage("bad port in endpoint tcp://host:http");
        assertThat(TcpFraming.address("tcp://[::1]:5555").getHostString()).isEqualTo("::1");
    }

    /** An inbox on a given port: bind() takes a free one, so this goes through the same code with a fixed port. */
    private static TcpInbox bindPort(int port) throws java.io.IOException {
        return TcpInbox.bind("reducer", "127.0.0.1", port);
    }
}
