package io.jdranspose.app;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with carriage returns. Only draws when stderr is a terminal,
 * so logs and CI output stay clean.
 */
public final class TerminalProgress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private boolean drawn;

    TerminalProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A bar on stderr when the process has a console. */
    public static TerminalProgress onConsole() {
        return new TerminalProgress(System.err, System.console() != null);
    }

    public void update(String label, long done, long total, long events) {
        if (!enabled) {
            return;
        }
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String eta = fraction > 0.01 && fraction < 1 ? String.format(Locale.ROOT, ", %ds left",
                Math.round(seconds / fraction - seconds)) : "";
        out.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%% %,d events, %,.0f events/s%s   ", label, "=".repeat(filled),
                " ".repeat(WIDTH - filled), fraction * 100, events, seconds > 0 ? events / seconds : 0, eta);
        out.flush();
        drawn = true;
    }

    public void done() {
        if (enabled && drawn) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
        }
    }
}
