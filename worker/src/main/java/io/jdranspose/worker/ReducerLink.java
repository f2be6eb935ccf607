package io.jdranspose.worker;

import io.jdranspose.runtime.wire.TcpSender;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The worker's connection to the reducer's inbox, owned by the plugin loop's thread: a {@link TcpSender}
 * (every wait can be given up) that remembers which reducer process it was made for, so that a reducer
 * restarted on a new port is noticed by its changed {@code service_uuid}.
 */
final class ReducerLink implements AutoCloseable {
    private final TcpSender sender;
    private final String serviceUuid;

    ReducerLink(String endpoint, String serviceUuid) {
        this.sender = new TcpSender(endpoint);
        this.serviceUuid = serviceUuid;
    }

    String endpoint() {
        return sender.endpoint();
    }

    /** The reducer process this link was made for (its member state's {@code service_uuid}). */
    String serviceUuid() {
        return serviceUuid;
    }

    /** Whether the connection to the reducer is made (does not wait). */
    boolean isConnected() {
        return sender.isConnected();
    }

    /** @see TcpSender#awaitConnected */
    boolean awaitConnected(Duration timeout, BooleanSupplier giveUp) {
        return sender.awaitConnected(timeout, giveUp);
    }

    /**
     * Sends {@code [first, rest…]} ({@code [header, payload]}, or a pack alone), waiting while the reducer does
     * not keep up.
     *
     * @return true when sent; false when {@code giveUp} said so first
     */
    boolean send(byte[] first, List<byte[]> rest, BooleanSupplier giveUp) {
        return sender.send(first, rest, giveUp);
    }

    @Override
    public void close() {
        sender.close();
    }
}
