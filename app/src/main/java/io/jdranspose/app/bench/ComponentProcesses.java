package io.jdranspose.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline components started as separate JVMs running this jar ({@code jdranspose controller}, …), each
 * logging to its own file; closing stops them with SIGTERM (they close cleanly) and kills what lingers.
 */
final class ComponentProcesses implements AutoCloseable {
    private final Path logDir;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    ComponentProcesses(Path logDir) {
        this.logDir = logDir;
    }

    void start(String name, List<String> arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dsun.net.httpserver.nodelay=true", "-Xmx3g", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), "io.jdranspose.app.Main"));
        String extra = System.getenv("JDRANSPOSE_BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            for (String option : extra.trim().split("\\s+")) {
                command.add(command.size() - 4, option.replace("{name}", name));
            }
        }
        command.addAll(arguments);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        names.add(name);
    }

    /** Throws with the end of its log when a component has exited. */
    void checkAlive() throws IOException {
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).isAlive()) {
                throw new IOException(names.get(i) + " exited with " + processes.get(i).exitValue() + ": " + tail(names.get(i)));
            }
        }
    }

    String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(logDir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
