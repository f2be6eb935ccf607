package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Large frames are received into arrays the forwarding thread gave back, over a real socket. */
class ZmqUpstreamTest {

    private static byte[] filled(int length, int value) {
        byte[] a = new byte[length];
        Arrays.fill(a, (byte) value);
        return a;
    }

    private static List<byte[]> receive(ZmqUpstream upstream) {
        for (int i = 0; i < 250; i++) { // 20 ms each: 5 s
            List<byte[]> m = upstream.receive(true);
            if (m != null) {
                return m;
            }
        }
        throw new AssertionError("nothing received within 5 s");
    }

    @Test
    void aFrameGivenBackIsReceivedIntoAgainWithTheNextFrameOfItsSizeOnly() {
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket detector = context.createSocket(SocketType.PUSH);
            detector.setLinger(0);
            int port = detector.bindToRandomPort("tcp://127.0.0.1");
            try (ZmqUpstream upstream = new ZmqUpstream(context, UpstreamSocket.PULL, "tcp://127.0.0.1:" + port)) {
                detector.send("header 1", ZMQ.SNDMORE);
                detector.send(filled(100_000, 1), 0);
                List<byte[]> first = receive(upstream);
                assertThat(first.get(1)).isEqualTo(filled(100_000, 1));
                upstream.recycle(first);
                assertThat(upstream.arrays().kept()).as("the large frame only").isEqualTo(1);

                detector.send("header 2", ZMQ.SNDMORE);
                detector.send(filled(100_000, 2), 0);
                List<byte[]> second = receive(upstream);
                assertThat(second.get(1)).isSameAs(first.get(1)).isEqualTo(filled(100_000, 2));
                assertThat(new String(second.get(0))).isEqualTo("header 2");
                assertThat(upstream.arrays().reused()).isEqualTo(1);

                upstream.recycle(second);
                detector.send(filled(120_000, 3), 0);
                byte[] other = receive(upstream).get(0);
                assertThat(other).as("another size gets a new array").isNotSameAs(first.get(1))
                        .isEqualTo(filled(120_000, 3));
                assertThat(upstream.arrays().reused()).isEqualTo(1);
            }
        }
    }

    @Test
    void smallFramesAreNotKeptAndAtMost64MiBOfLargeOnesAre() {
        RecycledArrays arrays = new RecycledArrays();
        arrays.recycle(List.of(new byte[io.jdranspose.runtime.wire.FrameArrayPool.MIN_BYTES - 1], new byte[100]));
        assertThat(arrays.kept()).isZero();

        for (int i = 0; i < 40; i++) {
            arrays.recycle(List.of(new byte[2 << 20]));
        }
        assertThat(arrays.kept()).isEqualTo(32);
        assertThat(arrays.allocate(2 << 20).size()).isEqualTo(2 << 20);
        assertThat(arrays.reused()).isEqualTo(1);

        arrays.recycle(List.of(new byte[1 << 20]));
        assertThat(arrays.kept()).as("a new frame size replaces the old ones").isEqualTo(1);
        assertThat(arrays.allocate(2 << 20).size()).isEqualTo(2 << 20);
        assertThat(arrays.reused()).as("no 2 MiB array is kept any more").isEqualTo(1);
    }
}
