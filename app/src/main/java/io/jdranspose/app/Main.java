package io.jdranspose.app;

import io.jdranspose.app.pipeline.ControllerCommand;
import io.jdranspose.app.pipeline.IngesterCommand;
import io.jdranspose.app.pipeline.LocalCommand;
import io.jdranspose.app.pipeline.ReducerCommand;
import io.jdranspose.app.pipeline.WorkerCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jdranspose} command: one subcommand per job. */
@Command(name = "jdranspose", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Live map-reduce analysis of X-ray detector streams.",
        subcommands = {LocalCommand.class, ControllerCommand.class, IngesterCommand.class, WorkerCommand.class,
                ReducerCommand.class, ReplayCommand.class, SimulateCommand.class, DemoCommand.class, BenchCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
