package io.jdranspose.reducer.viewer;

/**
 * The page at {@code /viewer/} of a reducer built without npm: why there is no viewer, how to get it,
 * and how to look at the same results with h5pyd or silx meanwhile.
 */
final class ViewerNotBuiltPage {
    private ViewerNotBuiltPage() {
    }

    /** @param apiUrl the HSDS API of this reducer as the browser reached it, e.g. {@code http://host:5010/} */
    static String html(String apiUrl) {
        String url = escape(apiUrl);
        String endpoint = escape(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>jdranspose viewer not built</title>
                <style>
                body { font: 15px/1.5 system-ui, sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em; }
                pre { background: #f2f4f7; padding: 0.6em 0.8em; overflow-x: auto; }
                </style>
                </head>
                <body>
                <h1>The viewer was built without npm</h1>
                <p>This reducer was built without Node.js and npm (or with <code>-Dviewer.skip</code>), so the
                h5web viewer is not part of it. The results are served all the same, over the HSDS API at <a href="%1$s">%1$s</a>.</p>
                <h2>Get the viewer</h2>
                <p>Install Node.js 20.19 or newer with npm (the viewer is built with vite 7) and build again;
                the build then installs h5web with npm and puts the viewer into the jar, here at
                <code>/viewer/</code>:</p>
                <pre>./mvnw -DskipTests package</pre>
                <h2>Or use h5pyd or silx</h2>
                <pre>import h5pyd
                f = h5pyd.File("/", "r", endpoint="%2$s")
                print(list(f["/"]))</pre>
                <pre>silx view %1$s</pre>
                </body>
                </html>
                """.formatted(url, endpoint);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
