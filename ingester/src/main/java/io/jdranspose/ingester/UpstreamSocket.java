package io.jdranspose.ingester;

import java.util.Locale;

/**
 * How the ingester reads its detector. Both connect to the detector's bound socket.
 * <ul>
 *   <li>{@link #PULL}: the detector PUSHes; when the workers are slower, the ingester stops reading and the
 *       detector's sends block (backpressure, nothing is lost);</li>
 *   <li>{@link #SUB}: the detector PUBlishes whatever happens; the ingester keeps reading into a bounded queue
 *       and drops (and counts) what does not fit.</li>
 * </ul>
 */
public enum UpstreamSocket {
    PULL, SUB;

    /**
     * Parses {@code pull} or {@code sub}, in any case.
     *
     * @throws IllegalArgumentException naming the text and the accepted values
     */
    public static UpstreamSocket parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "pull":
                    return PULL;
                case "sub":
                    return SUB;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("upstream socket must be pull or sub, got '" + text + "'");
    }
}
