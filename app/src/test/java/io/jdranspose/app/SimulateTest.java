package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import io.jdranspose.runtime.recording.Recorded;
import io.jdranspose.runtime.recording.RecordingReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The simulators on real ZeroMQ sockets on 127.0.0.1. */
class SimulateTest {
    @TempDir
    Path dir;

    @Test
    void stinsSeriesArrivesOnPullAndIsRecorded() throws Exception {
        int port = freePort();
        Path rec = dir.resolve("sim.cbors");
        CompletableFuture<List<List<byte[]>>> received = CompletableFuture.supplyAsync(() -> receive(port, 7));
        Cli cli = Cli.run("simulate", "stins", "--frames", "5", "--shape", "16x8", "--dtype", "float32", "--bind",
                "tcp://127.0.0.1:" + port, "--record", rec.toString(), "--filename", "x.h5");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<List<byte[]>> messages = received.get(30, TimeUnit.SECONDS);
        assertThat(messages).hasSize(7);
        assertThat(((StinsPacket.Start) Stins.parse(messages.get(0))).filename()).isEqualTo("x.h5");
        for (int k = 0; k < 5; k++) {
            StinsPacket.Image image = Stins.parse(messages.get(k + 1)).image();
            assertThat(image.frame()).isEqualTo(k);
            assertThat(image.shape()).containsExactly(16, 8);
            assertThat(image.data().size()).isEqualTo(128);
        }
        assertThat(Stins.parse(messages.get(6))).isInstanceOf(StinsPacket.End.class);

        List<Recorded> records = new ArrayList<>();
        try (RecordingReader r = RecordingReader.open(rec)) {
            r.forEachRemaining(records::add);
        }
        assertThat(records).extracting(Recorded::eventNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(records.get(3).streams().get("eiger").frames().get(1))
                .isEqualTo(messages.get(3).get(1));
    }

    @Test
    void aRawCaptureIsPlayedMessageForMessage() throws Exception {
        Path capture = SharedData.file("captures/albaem-dump.cbors");
        int port = freePort();
        CompletableFuture<List<List<byte[]>>> received = CompletableFuture.supplyAsync(() -> receive(port, 6));
        Cli cli = Cli.run("simulate", "capture", "-f", capture.toString(), "--bind", "tcp://127.0.0.1:" + port);
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("sent 6 messages");
        List<List<byte[]>> messages = received.get(30, TimeUnit.SECONDS);
        assertThat(new String(messages.get(0).get(0))).contains("\"message_type\": \"series-start\"");
        assertThat(new String(messages.get(5).get(0))).contains("series-end");
    }

    private static List<List<byte[]>> receive(int port, int count) {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.setHandshakeIvl(500);  // retry quickly when jeromq's handshake stalls (see ZmqSender)
            pull.setReceiveTimeOut(20_000);
            pull.connect("tcp://127.0.0.1:" + port);
            List<List<byte[]>> out = new ArrayList<>();
            while (out.size() < count) {
                List<byte[]> message = new ArrayList<>();
                byte[] part = pull.recv();
                if (part == null) {
                    break;
                }
                message.add(part);
                while (pull.hasReceiveMore()) {
                    message.add(pull.recv());
                }
                out.add(message);
            }
            return out;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
