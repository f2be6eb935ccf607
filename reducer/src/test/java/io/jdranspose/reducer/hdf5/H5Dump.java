package io.jdranspose.reducer.hdf5;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the HDF5 project's own {@code h5dump} (Debian package hdf5-tools) on a file and picks apart its
 * text output, so the files are checked by the reference implementation rather than by jhdf reading its
 * own output.
 */
final class H5Dump {
    /** One dataset or attribute as h5dump prints it. */
    record Item(String datatype, String dataspace, List<String> data) {
    }

    private H5Dump() {
    }

    /** {@code group /x} and {@code dataset /x/y} lines of {@code h5dump -n}, in h5dump's order. */
    static List<String> contents(Path file) {
        List<String> out = new ArrayList<>();
        for (String line : run("-n", file.toString()).lines().toList()) {
            String t = line.trim().replaceAll("\\s+", " ");
            if (t.startsWith("group ") || t.startsWith("dataset ")) {
                out.add(t);
            }
        }
        return out;
    }

    static Item dataset(Path file, String path) {
        return parse(run("-y", "-w", "0", "-d", path, file.toString()));
    }

    /** An attribute, addressed as {@code /owner/path/name} ({@code /name} for the root's). */
    static Item attribute(Path file, String path) {
        return parse(run("-y", "-w", "0", "-a", path, file.toString()));
    }

    /** A dataset with floats printed to 17 significant digits, enough to tell every double apart. */
    static Item exactDataset(Path file, String path) {
        return parse(run("-y", "-w", "0", "-m", "%.17g", "-d", path, file.toString()));
    }

    /** An attribute with floats printed to 17 significant digits. */
    static Item exactAttribute(Path file, String path) {
        return parse(run("-y", "-w", "0", "-m", "%.17g", "-a", path, file.toString()));
    }

    /** The full header listing with attribute values but no dataset data ({@code h5dump -A}). */
    static String header(Path file) {
        return run("-A", file.toString());
    }

    private static Item parse(String out) {
        List<String> lines = out.lines().toList();
        String datatype = null;
        String dataspace = null;
        List<String> data = new ArrayList<>();
        // the object's own DATATYPE/DATASPACE/DATA sit at one indentation; its attributes are nested deeper
        int depth = -1;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.trim();
            int indent = raw.length() - raw.stripLeading().length();
            if (depth < 0 && line.startsWith("DATATYPE")) {
                depth = indent;
            }
            if (indent != depth) {
                continue;
            }
            if (datatype == null && line.startsWith("DATATYPE")) {
                StringBuilder sb = new StringBuilder(line.substring("DATATYPE".length()).trim());
                if (line.endsWith("{")) {
                    while (!lines.get(++i).trim().equals("}")) {
                        sb.append(' ').append(lines.get(i).trim());
                    }
                    sb.append(" }");
                }
                datatype = sb.toString();
            } else if (dataspace == null && line.startsWith("DATASPACE")) {
                dataspace = line.substring("DATASPACE".length()).trim();
            } else if (line.equals("DATA {")) {
                StringBuilder sb = new StringBuilder();
                while (!lines.get(++i).trim().equals("}")) {
                    sb.append(lines.get(i).trim()).append(' ');
                }
                data = tokens(sb.toString());
            }
        }
        if (datatype == null || dataspace == null) {
            fail("unexpected h5dump output:\n" + out);
        }
        return new Item(datatype, dataspace, data);
    }

    /** Splits {@code 1, 2,} / {@code "a", "b,c"} into values, keeping quoted strings whole (quotes dropped). */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                out.add(text.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != ',' && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                out.add(text.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    private static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("h5dump");
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("h5dump is not installed, and these tests need it to check the files: install the"
                    + " Debian package hdf5-tools (apt-get install -y hdf5-tools)", e);
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("h5dump timed out: " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("h5dump failed (" + p.exitValue() + "): " + command + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("reading h5dump output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
