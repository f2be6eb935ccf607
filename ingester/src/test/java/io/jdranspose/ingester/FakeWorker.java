package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.PartHeader;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.jdranspose.runtime.wire.SharedMemoryMessage;
import io.jdranspose.runtime.wire.TcpInbox;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Plays a worker: binds an inbox on 127.0.0.1 and registers it under its member key. One that is not asked to
 * receive reads nothing, as a stuck worker: the ingester's sends wait once the kernel's buffers are full.
 */
final class FakeWorker implements AutoCloseable {
    private final Pipeline pipeline;
    private final String name;
    private final TcpInbox inbox;
    private final String url;
    private final ArrayDeque<List<byte[]>> unpacked = new ArrayDeque<>();
    private final String serviceUuid = UUID.randomUUID().toString();
    private final SharedMemoryDirectory shm;
    private final SharedMemoryDirectory.Probe probe;
    private int viaSharedMemory;

    FakeWorker(Pipeline pipeline, String name) {
        this(pipeline, name, null);
    }

    /**
     * @param shm where it leaves a probe, as a real worker does, and reads the rings the ingester names; null:
     *            no shared memory
     */
    FakeWorker(Pipeline pipeline, String name, SharedMemoryDirectory shm) {
        this.shm = shm;
        try {
            this.probe = shm == null ? null : shm.createProbe(serviceUuid);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.pipeline = pipeline;
        this.name = name;
        try {
            this.inbox = TcpInbox.bind("fake worker " + name, "127.0.0.1");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.url = "tcp://127.0.0.1:" + inbox.port();
        register();
    }

    String name() {
        return name;
    }

    String url() {
        return url;
    }

    /** Writes the member key (long-lived: the test outlives no heartbeat). */
    void register() {
        MemberState state = new MemberState("worker", name, serviceUuid, null, null, null, 0, 0,
                url, null, List.of(), List.of(), List.of(), 0, "test", probe == null ? null : probe.path().toString());
        pipeline.commands().set(pipeline.keys().member(ComponentKind.WORKER, name), state.toJson(),
                SetArgs.Builder.px(60_000));
    }

    void unregister() {
        pipeline.commands().del(pipeline.keys().member(ComponentKind.WORKER, name));
    }

    /**
     * The next message (a pack from the ingester counts as the messages in it), or null when none arrives
     * within {@code timeout}.
     */
    Received receive(Duration timeout) {
        if (unpacked.isEmpty()) {
            List<byte[]> parts;
            try {
                parts = inbox.receive(timeout.toMillis());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (parts == null) {
                return null;
            }
            byte[] first = parts.get(0);
            if (parts.size() == 1 && PackedMessages.isPack(first)) {
                unpacked.addAll(PackedMessages.unpack(first));
            } else if (parts.size() == 1 && SharedMemoryMessage.isSharedMemoryMessage(first)) {
                assertThat(shm).as("%s offers no shared memory, yet got a shared-memory message", name).isNotNull();
                SharedMemoryMessage m = SharedMemoryMessage.decode(first);
                List<byte[]> message = new ArrayList<>();
                message.add(m.header());
                message.addAll(shm.ring(m.ring()).read(m));
                unpacked.add(message);
                viaSharedMemory++;
            } else {
                unpacked.add(parts);
            }
        }
        List<byte[]> message = unpacked.poll();
        PartHeader decoded = PartHeader.decode(message.get(0));
        List<byte[]> frames = message.subList(1, message.size());
        assertThat(frames).as("frames after the header of event %d", decoded.event()).hasSize(decoded.frameCount());
        return new Received(decoded, frames);
    }

    /** Messages whose frames came through shared memory. */
    int viaSharedMemory() {
        return viaSharedMemory;
    }

    /** Exactly {@code n} messages (each within 5 s), then nothing more for a moment. */
    List<Received> receiveExactly(int n) {
        List<Received> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Received r = receive(Duration.ofSeconds(5));
            assertThat(r).as("%s: message %d of %d (got events %s)", name, i, n,
                    got.stream().map(Received::event).toList()).isNotNull();
            got.add(r);
        }
        assertThat(receive(Duration.ofMillis(150))).as("%s: a message beyond the %d expected", name, n).isNull();
        return got;
    }

    @Override
    public void close() {
        inbox.close();
        if (probe != null) {
            probe.close();
        }
    }
}
