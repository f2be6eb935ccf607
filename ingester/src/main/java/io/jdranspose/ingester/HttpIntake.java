package io.jdranspose.ingester;

import io.jdranspose.api.ProtocolException;

/** A protocol whose source posts its messages over HTTP (Sardana): turns one post into the frame to forward. */
public interface HttpIntake {

    /** The paths the source posts to, each answered with JSON {@code null} when accepted. */
    java.util.Set<String> paths();

    /**
     * Validates one post.
     *
     * @param path the request path, one of {@link #paths()}
     * @return the frame to forward, or null for posts that are accepted but carry nothing for the series
     * @throws ProtocolException naming what is wrong; the poster gets a 422 with that text
     */
    byte[] accept(String path, byte[] body);
}
