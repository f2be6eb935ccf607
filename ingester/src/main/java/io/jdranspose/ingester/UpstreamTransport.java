package io.jdranspose.ingester;

/** How an ingester reaches its source. */
public enum UpstreamTransport {
    /** A ZeroMQ socket (PULL or SUB) connected to the device's bound {@code tcp://}, {@code ipc://} or {@code inproc://} endpoint. */
    ZMQ,
    /** A plain TCP connection to {@code tcp://host:port} (PandA position capture); messages are the bytes as they arrive. */
    TCP,
    /** An HTTP server the source posts to, bound at {@code http://host:port} (Sardana). */
    HTTP
}
