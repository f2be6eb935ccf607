package io.jdranspose.reducer.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.reducer.hsds.HsdsServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The viewer route under a real HsdsServer, over raw HTTP/1.1 so that request paths arrive exactly as written. */
class ViewerRouteTest {
    @TempDir
    Path classpath;

    private HsdsServer server;
    private URLClassLoader loader;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (loader != null) {
            loader.close();
        }
    }

    /** A class path holding a small built viewer, and a file next to it that must never be served. */
    private void builtViewer() throws IOException {
        write("viewer/index.html", "<!doctype html><title>viewer</title>");
        write("viewer/assets/index-abc123.js", "console.log('h5web')");
        write("viewer/assets/index-abc123.css", "body{}");
        write("viewer/assets/logo.svg", "<svg/>");
        write("viewer/assets/h5wasm.wasm", "\0asm");
        write("viewer/assets/data.json", "{}");
        write("secret.txt", "not for the browser");
        start();
    }

    private void write(String relative, String content) throws IOException {
        Path file = classpath.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void start() throws IOException {
        loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
        server = HsdsServer.start("127.0.0.1", 0, () -> null);
        server.route(ViewerRoute.PREFIX, new ViewerRoute(loader, "viewer/"));
    }

    @Test
    void theFolderServesIndexHtml() throws IOException {
        builtViewer();
        Reply reply = get("/viewer/?path=/entry/image");
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(reply.header("cache-control")).isEqualTo("no-cache");
        assertThat(reply.body).isEqualTo("<!doctype html><title>viewer</title>");
    }

    @Test
    void theBarePrefixRedirectsToTheFolderKeepingTheQuery() throws IOException {
        builtViewer();
        Reply reply = get("/viewer?path=/entry/roi/mean&refresh=1");
        assertThat(reply.status).isEqualTo(301);
        assertThat(reply.header("location")).isEqualTo("/viewer/?path=/entry/roi/mean&refresh=1");
    }

    @ParameterizedTest
    @CsvSource({
            "/viewer/index.html, text/html; charset=utf-8, no-cache",
            "/viewer/assets/index-abc123.js, text/javascript; charset=utf-8, 'public, max-age=31536000, immutable'",
            "/viewer/assets/index-abc123.css, text/css; charset=utf-8, 'public, max-age=31536000, immutable'",
            "/viewer/assets/logo.svg, image/svg+xml, 'public, max-age=31536000, immutable'",
            "/viewer/assets/h5wasm.wasm, application/wasm, 'public, max-age=31536000, immutable'",
            "/viewer/assets/data.json, application/json, 'public, max-age=31536000, immutable'"})
    void filesGoOutWithTheirContentTypeAndCaching(String path, String contentType, String cacheControl)
            throws IOException {
        builtViewer();
        Reply reply = get(path);
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.header("content-type")).isEqualTo(contentType);
        assertThat(reply.header("cache-control")).isEqualTo(cacheControl);
        assertThat(reply.header("content-length")).isEqualTo(Long.toString(
                Files.size(classpath.resolve(path.substring(1)))));
    }

    @Test
    void headAnswersTheHeadersWithoutABody() throws IOException {
        builtViewer();
        Reply reply = request("HEAD", "/viewer/assets/index-abc123.js");
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.header("content-type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(reply.body).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/viewer/missing.js", "/viewer/assets/", "/viewer/assets", "/viewer/assets/index-abc123",
            "/viewerx/index.html", "/viewer/../secret.txt", "/viewer/assets/../../secret.txt",
            "/viewer/%2e%2e/secret.txt", "/viewer/..%2fsecret.txt", "/viewer//secret.txt", "/viewer/.%2e/secret.txt",
            "/viewer/assets%2f..%2f..%2fsecret.txt", "/viewer/%5c..%5csecret.txt"})
    void anythingButAFileOfTheViewerIsNotFound(String path) throws IOException {
        builtViewer();
        Reply reply = get(path);
        assertThat(reply.status).as(path).isEqualTo(404);
        assertThat(reply.body).doesNotContain("not for the browser");
    }

    @Test
    void theViewerIsReadOnly() throws IOException {
        builtViewer();
        Reply reply = request("POST", "/viewer/index.html");
        assertThat(reply.status).isEqualTo(405);
        assertThat(reply.header("allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void withoutABuiltViewerTheFolderExplainsHowToGetItAndOtherWaysToLook() throws IOException {
        start();
        assertThat(new ViewerRoute(loader, "viewer/").built()).isFalse();
        Reply reply = get("/viewer/");
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.header("content-type")).isEqualTo("text/html; charset=utf-8");
        String api = "http://127.0.0.1:" + server.port();
        assertThat(reply.body).contains("built without npm").contains("Node.js").contains("./mvnw -DskipTests package")
                .contains("h5pyd.File(\"/\", \"r\", endpoint=\"" + api + "\")").contains("silx view " + api + "/");
        assertThat(get("/viewer/assets/index-abc123.js").status).isEqualTo(404);
    }

    @Test
    void theHostHeaderIsEscapedInTheExplanation() throws IOException {
        start();
        Reply reply = request("GET", "/viewer/", "<script>x</script>");
        assertThat(reply.body).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    /**
     * The viewer this build made: build.sh runs before the tests, so with npm on the PATH (and no
     * -Dviewer.skip) it must be on the class path, and every asset its index.html loads must be served.
     */
    @Test
    void theBuiltViewerServesEveryAssetItsPageLoads() throws IOException {
        server = HsdsServer.start("127.0.0.1", 0, () -> null);
        ViewerRoute route = new ViewerRoute();
        server.route(ViewerRoute.PREFIX, route);
        if (!route.built()) {
            assertThat(onPath("npm") && !Boolean.getBoolean("viewer.skip"))
                    .as("npm is on the PATH, so the build should have put viewer/index.html on the class path")
                    .isFalse();
            return;
        }
        String index = get("/viewer/").body;
        Matcher assets = Pattern.compile("(?:src|href)=\"\\./(assets/[^\"]+)\"").matcher(index);
        int count = 0;
        while (assets.find()) {
            Reply asset = get("/viewer/" + assets.group(1));
            assertThat(asset.status).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.body).as(assets.group(1)).isNotEmpty();
            count++;
        }
        assertThat(count).as("assets referenced relatively by index.html:%n%s", index).isGreaterThanOrEqualTo(2);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private Reply get(String path) throws IOException {
        return request("GET", path);
    }

    private Reply request(String method, String path) throws IOException {
        return request(method, path, "127.0.0.1:" + server.port());
    }

    private Reply request(String method, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
        }
    }
}
