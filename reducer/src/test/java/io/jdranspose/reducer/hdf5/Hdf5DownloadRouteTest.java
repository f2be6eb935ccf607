package io.jdranspose.reducer.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.reducer.hsds.HsdsServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/hdf5} over real HTTP (the file's contents are checked in {@link Hdf5MatchesLiveApiTest}). */
class Hdf5DownloadRouteTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void concurrentDownloadsEachGetTheWholeFileAndLeaveNoTemporaryFiles(@TempDir Path temp, @TempDir Path out)
            throws Exception {
        PublishTree tree = new PublishTree();
        tree.array("/image", new int[512][512]);
        tree.scalar("/title", "scan 7");
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, () -> tree)) {
            server.route(Hdf5DownloadRoute.PATH, new Hdf5DownloadRoute(() -> tree, temp));
            List<CompletableFuture<HttpResponse<Path>>> downloads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                downloads.add(http.sendAsync(HttpRequest.newBuilder(server.url().resolve("/api/v1/hdf5")).build(),
                        HttpResponse.BodyHandlers.ofFile(out.resolve(i + ".h5"))));
            }
            for (CompletableFuture<HttpResponse<Path>> d : downloads) {
                HttpResponse<Path> r = d.get();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(H5Dump.contents(r.body())).containsExactly("group /", "dataset /image", "dataset /title");
                assertThat(H5Dump.dataset(r.body(), "/title").data()).containsExactly("scan 7");
            }
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws IOException, InterruptedException {
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, PublishTree::new)) {
            server.route(Hdf5DownloadRoute.PATH, new Hdf5DownloadRoute(PublishTree::new));
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.url().resolve("/api/v1/hdf5"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, OPTIONS");
            HttpResponse<String> deeper = http.send(HttpRequest.newBuilder(server.url().resolve("/api/v1/hdf5/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deeper.statusCode()).isEqualTo(404);
            assertThat(deeper.body()).contains("no such resource: /api/v1/hdf5/x");
            HttpResponse<byte[]> empty = http.send(HttpRequest.newBuilder(server.url().resolve("/api/v1/hdf5/")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.headers().firstValue(Hdf5DownloadRoute.NOTES_HEADER)).hasValue("0");
        }
    }
}
