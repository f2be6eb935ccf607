package io.jdranspose.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.reducer.hsds.HsdsServer;
import io.jdranspose.runtime.plugin.PluginLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterRouteTest {
    @TempDir
    Path dir;

    @Test
    void parametersAreReadAndChangedOverHttpWithClearErrors() throws Exception {
        Replay replay = new Replay(PluginLoader.load(null, ReplayTest.RecordingWorker.class.getName(),
                ReplayTest.TrendReducer.class.getName()), ReplayOptions.of(List.of(dir.resolve("unused.cbors")), 1));
        HttpClient http = HttpClient.newHttpClient();
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, replay::tree)) {
            server.route(ParameterRoute.PREFIX, new ParameterRoute(replay));
            URI base = server.url().resolve("/api/v1/parameter/");

            HttpResponse<String> get = http.send(HttpRequest.newBuilder(base.resolve("scale")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("1");
            assertThat(get.headers().firstValue("Content-Type")).hasValue("application/x.bytes");

            HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("scale"))
                    .POST(HttpRequest.BodyPublishers.ofString("42")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(200);
            assertThat(replay.parameters().get(ReplayTest.RecordingWorker.SCALE)).isEqualTo(42);

            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(base.resolve("scale"))
                    .POST(HttpRequest.BodyPublishers.ofString("4.5")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"detail\":\"parameter 'scale' (int): '4.5' is not an integer\"}");
            assertThat(replay.parameters().get(ReplayTest.RecordingWorker.SCALE)).isEqualTo(42);

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(base.resolve("nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("{\"detail\":\"Parameter not found\"}");

            HttpResponse<String> undeclared = http.send(HttpRequest.newBuilder(base.resolve("note"))
                    .POST(HttpRequest.BodyPublishers.ofString("free text")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(undeclared.statusCode()).isEqualTo(200);
            assertThat(replay.parameters().text("note")).isEqualTo("free text");
        }
    }
}
