package io.jdranspose.reducer.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built viewer's files on the class path, in a resource folder such as {@code viewer/} (the Maven
 * build puts vite's output there). Only plain names with a known extension are looked up, so a request
 * can neither climb out of the folder ({@code ..}, encoded or not) nor list a directory.
 */
final class ViewerFiles {
    /** Slash-separated names of letters, digits, {@code . _ -}, none starting with a dot, ending in an extension. */
    private static final Pattern SAFE_PATH =
            Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.([A-Za-z0-9]+)");

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** A file of the viewer and the Content-Type to serve it with. */
    record ViewerFile(URL resource, String contentType) {
        byte[] read() throws IOException {
            try (InputStream in = resource.openStream()) {
                return in.readAllBytes();
            }
        }
    }

    private final ClassLoader loader;
    private final String folder;

    /** @param folder resource folder ending in {@code /}, e.g. {@code viewer/} */
    ViewerFiles(ClassLoader loader, String folder) {
        if (!folder.endsWith("/")) {
            throw new IllegalArgumentException("resource folder must end with '/', got '" + folder + "'");
        }
        this.loader = loader;
        this.folder = folder;
    }

    /** Whether the build put a viewer on the class path (it does not when npm was missing). */
    boolean built() {
        return loader.getResource(folder + "index.html") != null;
    }

    /** The file at {@code relativePath} (e.g. {@code assets/index-x1.js}), or {@code null} when there is none. */
    ViewerFile find(String relativePath) {
        Matcher m = SAFE_PATH.matcher(relativePath);
        if (!m.matches()) {
            return null;
        }
        String type = CONTENT_TYPES.get(m.group(1).toLowerCase(Locale.ROOT));
        URL resource = type == null ? null : loader.getResource(folder + relativePath);
        return resource == null ? null : new ViewerFile(resource, type);
    }
}
