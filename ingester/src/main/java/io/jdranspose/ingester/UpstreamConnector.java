package io.jdranspose.ingester;

import org.zeromq.ZContext;

/**
 * Opens the ingester's source for each scan. Lives as long as the ingester: an HTTP endpoint stays bound
 * between scans (the scan software posts to a fixed address), a socket or connection is made per scan.
 */
interface UpstreamConnector extends AutoCloseable {

    /**
     * The source for a scan that starts now.
     *
     * @throws RuntimeException naming the address when the source cannot be reached
     */
    UpstreamSource open();

    @Override
    default void close() {
    }

    /** The connector the configuration asks for. */
    static UpstreamConnector of(IngesterConfig config, ZContext context) {
        return switch (config.protocol().transport()) {
            case ZMQ -> () -> new ZmqUpstream(context, config.socket(), config.upstreamUrl());
            case TCP -> () -> TcpUpstream.connect(config.upstreamUrl());
            case HTTP -> HttpPostConnector.bind(config);
        };
    }
}
