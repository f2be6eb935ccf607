package io.jdranspose.replay;

import java.util.Locale;

/**
 * What a replay did.
 *
 * @param events        events merged from the recordings (the broadcast first event counts once)
 * @param payloadBytes  frame bytes of those events
 * @param results       non-null results the workers returned
 * @param reduced       results the reducer folded in without error
 * @param errors        plugin exceptions, undecodable results and damaged recordings
 * @param seconds       wall time from the first record read to the reducer's finish
 */
public record ReplaySummary(long events, long payloadBytes, long results, long reduced, long errors, double seconds) {

    public double eventsPerSecond() {
        return seconds > 0 ? events / seconds : 0;
    }

    public double megabytesPerSecond() {
        return seconds > 0 ? payloadBytes / seconds / 1e6 : 0;
    }

    /** One line for the end of a run. */
    public String line() {
        return String.format(Locale.ROOT, "%,d events, %,d results reduced in %.2f s: %,.0f events/s, %,.1f MB/s, %d errors",
                events, reduced, seconds, eventsPerSecond(), megabytesPerSecond(), errors);
    }
}
