package io.jdranspose.app.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How much polling viewers slow the reducer: runs of the publishing loop alone and with viewers,
 * alternated, the best of each kind compared, plus where the CPU went (on 2 cores, every bit the server
 * spends is a bit the reducer may not get).
 */
final class ViewerImpact {
    private final PublishingLoop loop;
    private final URI base;
    private final int viewers;
    private final Duration period;
    private final double maxWarmUp;

    /** What was measured; {@link #print} shows it. */
    record Result(ReduceRun alone, ReduceRun withViewers, int viewers, int pollsExpectedPerSecond,
                  double pollsPerSecond, long failures, Latencies pollTimes, int repeat, double warmUpSeconds) {

        double slowdownPercent() {
            return (withViewers.perSecond() / alone.perSecond() - 1) * 100;
        }

        void print(PrintWriter out) {
            out.printf(Locale.ROOT, "reduce rate: %,.0f/s alone, %,.0f/s with %d viewers (%+.1f %%; target > -10 %%;"
                            + " best of %d each, after %.0f s of warm-up)%n", alone.perSecond(), withViewers.perSecond(),
                    viewers, slowdownPercent(), repeat, warmUpSeconds);
            out.printf(Locale.ROOT, "viewers: %.0f polls/s (expected %d/s), %d failed; one poll (metadata + newest row"
                    + " as JSON) %s%n", pollsPerSecond, pollsExpectedPerSecond, failures, pollTimes.summary());
            String perPoll = pollsPerSecond > 0 ? String.format(Locale.ROOT, "%.0f us per poll",
                    (withViewers.otherCores() - alone.otherCores()) / pollsPerSecond * 1e6) : "no polls";
            out.printf(Locale.ROOT, "cpu: reducer thread on a core %.0f %% of the time alone, %.0f %% with viewers;"
                            + " rest of the process %.2f cores alone, %.2f with viewers (%s)%n",
                    alone.reducerOnCpu() * 100, withViewers.reducerOnCpu() * 100, Math.max(0, alone.otherCores()),
                    withViewers.otherCores(), perPoll);
            out.flush();
        }
    }

    ViewerImpact(PublishingLoop loop, URI base, int viewers, Duration period, double maxWarmUp) {
        this.loop = loop;
        this.base = base;
        this.viewers = viewers;
        this.period = period;
        this.maxWarmUp = maxWarmUp;
    }

    Result measure(long results, int repeat) throws Exception {
        // both sides at once, so that no run pays for the JIT compiling the reducer's or the server's code
        double warmUp;
        try (PollingViewers polling = new PollingViewers(base, viewers, period)) {
            warmUp = WarmUp.until(Math.min(5, maxWarmUp), maxWarmUp, () -> loop.run(20_000));
        }
        ReduceRun alone = null;
        ReduceRun withViewers = null;
        long polls = 0;
        long failures = 0;
        double pollSeconds = 0;
        Latencies pollTimes = new Latencies();
        for (int run = 0; run < repeat; run++) {
            alone = ReduceRun.best(alone, ReduceRun.measure(loop, results));
            PollingViewers polling = new PollingViewers(base, viewers, period);
            Thread.sleep(period); // every viewer is polling before the measurement starts
            long pollsBefore = polling.polls();
            ReduceRun measured = ReduceRun.measure(loop, results);
            polls += polling.polls() - pollsBefore;
            pollSeconds += measured.seconds();
            polling.close();
            withViewers = ReduceRun.best(withViewers, measured);
            failures += polling.failures();
            pollTimes.addAll(polling.pollTimes());
        }
        return new Result(alone, withViewers, viewers, (int) (viewers * 1_000_000_000L / period.toNanos()),
                polls / pollSeconds, failures, pollTimes, repeat, warmUp);
    }
}
