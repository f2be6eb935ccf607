package io.jdranspose.simulator;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The detector consumer's end in tests: a PULL or SUB socket connected to a sender, receiving whole multipart messages. */
final class Receiver implements AutoCloseable {
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket socket;

    private Receiver(SocketType type, String endpoint, int timeoutMillis) {
        socket = context.createSocket(type);
        socket.setReceiveTimeOut(timeoutMillis);
        // jeromq 0.6.0 sometimes leaves a fresh connection stuck before its handshake; a short handshake
        // interval makes such a connection give up and reconnect quickly (see ZmqSender)
        socket.setHandshakeIvl(500);
        if (type == SocketType.SUB) {
            socket.subscribe(new byte[0]);
        }
        socket.connect(endpoint);
    }

    static Receiver pull(String endpoint) {
        return new Receiver(SocketType.PULL, endpoint, 5000);
    }

    static Receiver sub(String endpoint) {
        return new Receiver(SocketType.SUB, endpoint, 5000);
    }

    /** The next multipart message, or {@code null} when none arrives within the timeout. */
    List<byte[]> receive() {
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>();
        parts.add(first);
        while (socket.hasReceiveMore()) {
            parts.add(socket.recv());
        }
        return parts;
    }

    /** Waits at most {@code millis} for a message; {@code null} when none came. */
    List<byte[]> receive(int millis) {
        socket.setReceiveTimeOut(millis);
        try {
            return receive();
        } finally {
            socket.setReceiveTimeOut(5000);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
