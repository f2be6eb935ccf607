package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's h5dump (package hdf5-tools), the independent reader every written file must satisfy. */
final class H5dump {
    private H5dump() {
    }

    /** The values of the first {@code DATA { ... }} block of an h5dump output, in order. */
    static java.util.List<String> data(String output) {
        int start = output.indexOf("DATA {");
        int end = output.indexOf('}', start);
        assertThat(start).as("a DATA block in:\n" + output).isNotNegative();
        java.util.List<String> values = new java.util.ArrayList<>();
        for (String line : output.substring(start + 6, end).split("\n")) {
            String body = line.replaceFirst("^\\s*\\([0-9,]+\\):", "").trim();
            for (String v : body.split(",")) {
                if (!v.isBlank()) {
                    values.add(v.trim());
                }
            }
        }
        return values;
    }

    /** {@code h5dump [options] file}; fails the test with a clear message when h5dump is missing or fails. */
    static String run(Path file, String... options) throws IOException, InterruptedException {
        String[] cmd = new String[options.length + 2];
        cmd[0] = "h5dump";
        System.arraycopy(options, 0, cmd, 1, options.length);
        cmd[cmd.length - 1] = file.toString();
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("h5dump is not installed: apt-get install -y hdf5-tools", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("h5dump finished").isTrue();
        assertThat(p.exitValue()).as("h5dump exit code, output:\n" + output).isZero();
        return output;
    }
}
