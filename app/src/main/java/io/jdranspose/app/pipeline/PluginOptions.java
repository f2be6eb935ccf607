package io.jdranspose.app.pipeline;

import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.plugin.PluginLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which plugin a worker or reducer runs: a jar and/or class names (as {@code replay} takes them). */
public final class PluginOptions {
    static final String EXAMPLE_WORKER = "io.jdranspose.examples.AzintWorker";
    static final String EXAMPLE_REDUCER = "io.jdranspose.examples.AzintReducer";

    @Option(names = "--plugin", paramLabel = "JAR", description = "Plugin jar holding the classes.")
    Path jar;

    @Option(names = {"-w", "--workerclass"}, paramLabel = "CLASS",
            description = "Worker class (default: $WORKER_CLASS, else the jar's Jdranspose-Worker entry, else the example).")
    String workerClass;

    @Option(names = {"-r", "--reducerclass"}, paramLabel = "CLASS",
            description = "Reducer class (default: $REDUCER_CLASS, else the jar's Jdranspose-Reducer entry, else the example).")
    String reducerClass;

    /** Loads the plugin; without jar and classes, the built-in example (ROI mean + azimuthal integration). */
    public Plugin load() {
        String worker = workerClass != null ? workerClass : System.getenv("WORKER_CLASS");
        String reducer = reducerClass != null ? reducerClass : System.getenv("REDUCER_CLASS");
        if (jar == null) {
            worker = worker == null ? EXAMPLE_WORKER : worker;
            reducer = reducer == null ? EXAMPLE_REDUCER : reducer;
        }
        return PluginLoader.load(jar, worker, reducer);
    }
}
