package io.jdranspose.app.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local TCP ports for endpoints that are bound later (a simulated detector binds only when it sends). The
 * system may hand the same free port out twice when it is asked twice before anything binds it, and two
 * detectors on one port mix their streams; so a port is never handed out twice by this process.
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port on 127.0.0.1 that is free now and was not handed out before by this process. */
    public static int next() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("no free local port that was not handed out before after 100 attempts");
    }
}
