package io.jdranspose.controller;

import java.time.Duration;

/**
 * How the controller serves its REST API.
 *
 * @param host     address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port     TCP port; 0 picks a free one (see {@link ControllerService#url()})
 * @param token    when not null, every POST must carry {@code Authorization: Bearer <token>}
 * @param lockWait how long to wait for the controller lock another controller holds (rolling restarts)
 */
public record ControllerConfig(String host, int port, String token, Duration lockWait) {

    public ControllerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank (null turns authentication off)");
        }
        if (lockWait == null || lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must be zero or positive, got " + lockWait);
        }
    }

    /** Loopback only, upstream's port 5000, no token, 60 s for the lock. */
    public static ControllerConfig defaults() {
        return new ControllerConfig("127.0.0.1", 5000, null, Duration.ofSeconds(60));
    }

    public ControllerConfig withHost(String newHost) {
        return new ControllerConfig(newHost, port, token, lockWait);
    }

    public ControllerConfig withPort(int newPort) {
        return new ControllerConfig(host, newPort, token, lockWait);
    }

    public ControllerConfig withToken(String newToken) {
        return new ControllerConfig(host, port, newToken, lockWait);
    }

    public ControllerConfig withLockWait(Duration newLockWait) {
        return new ControllerConfig(host, port, token, newLockWait);
    }

    /** The token is a secret: never in logs. */
    @Override
    public String toString() {
        return "ControllerConfig[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "***")
                + ", lockWait=" + lockWait + "]";
    }
}
