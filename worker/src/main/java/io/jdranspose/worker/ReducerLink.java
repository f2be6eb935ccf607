package io.jdranspose.worker;

import io.jdranspose.runtime.wire.ConnectedPush;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.zeromq.ZContext;

/**
 * The worker's connection to the reducer's inbox, owned by the inbox thread: a {@link ConnectedPush}
 * (handshake-checked, every wait can be given up) that remembers which reducer process it was made for, so
 * that a reducer restarted on a new port is noticed by its changed {@code service_uuid}.
 */
final class ReducerLink implements AutoCloseable {
    private final ConnectedPush push;
    private final String serviceUuid;

    ReducerLink(ZContext context, String endpoint, String serviceUuid, int highWaterMark, Duration handshakeTimeout) {
        this.push = new ConnectedPush(context, endpoint, highWaterMark, handshakeTimeout);
        this.serviceUuid = serviceUuid;
    }

    String endpoint() {
        return push.endpoint();
    }

    /** The reducer process this link was made for (its member state's {@code service_uuid}). */
    String serviceUuid() {
        return serviceUuid;
    }

    /** Whether the handshake with the reducer has completed (does not wait). */
    boolean isConnected() {
        return push.isConnected();
    }

    /** @see ConnectedPush#awaitConnected */
    boolean awaitConnected(Duration timeout, BooleanSupplier giveUp) {
        return push.awaitConnected(timeout, giveUp);
    }

    /**
     * Sends {@code [first, rest…]} ({@code [header, payload]}, or a pack alone), waiting while the reducer's
     * queue is full.
     *
     * @return true when queued; false when {@code giveUp} said so first
     */
    boolean send(byte[] first, List<byte[]> rest, BooleanSupplier giveUp) {
        return push.send(first, rest, giveUp);
    }

    @Override
    public void close() {
        push.close();
    }
}
