package io.jdranspose.app;

import io.jdranspose.app.bench.HsdsBenchCommand;
import io.jdranspose.app.bench.PipelineBenchCommand;
import io.jdranspose.app.bench.ReplayBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdranspose bench}: end-to-end throughput measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput end to end (JMH micro-benchmarks live in the bench module).",
        subcommands = {ReplayBenchCommand.class, HsdsBenchCommand.class, PipelineBenchCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
