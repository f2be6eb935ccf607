package io.jdranspose.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdranspose simulate}: detectors without a detector. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulated detectors and capture playback onto ZeroMQ sockets.",
        subcommands = {SimulateStinsCommand.class, SimulateCaptureCommand.class})
final class SimulateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
