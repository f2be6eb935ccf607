package io.jdranspose.app.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Local TCP ports for endpoints that are bound later (a simulated detector binds only when it sends). Ports
 * are picked below the system's ephemeral range: a port the system assigns for "any port" (which is how
 * workers and the reducer bind their inboxes, also in other processes) can be the very one it just reported
 * free, and an ingester connecting to a worker's inbox instead of its detector waits forever. Within the
 * range used here, this process never hands a port out twice.
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int SPAN = 10_000;

    private FreePorts() {
    }

    /** A port on 127.0.0.1 that is free now, outside the ephemeral range, and not handed out before here. */
    public static int next() throws IOException {
        int below = ephemeralLow();
        int low = Math.max(1024, below - SPAN);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, below);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // taken by someone else: try another
            }
        }
        throw new IOException("no free local port in " + low + "-" + (below - 1) + " after 200 attempts");
    }

    /** The first port of the system's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range), else 32768. */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > 1024 + 1000 ? low : 32768;
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
