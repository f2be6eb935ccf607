package io.jdranspose.reducer.hdf5;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jdranspose.api.publish.PublishTree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/hdf5}: the current publish tree as an HDF5 file download ({@code results.h5}),
 * written with {@link Hdf5Writer} to a temporary file that is streamed back and deleted. Register it on an
 * {@code HsdsServer}:
 *
 * <pre>{@code
 * server.route(Hdf5DownloadRoute.PATH, new Hdf5DownloadRoute(trees));
 * }</pre>
 *
 * <p>jhdf builds a whole file in memory before writing it, so downloads are written one at a time; further
 * requests wait their turn rather than each holding another copy of every dataset in the heap. What the
 * file could not store as published (see {@link Hdf5Writer}) is logged and counted in the
 * {@value #NOTES_HEADER} response header.
 */
public final class Hdf5DownloadRoute implements HttpHandler {
    /** The path to register the route under. */
    public static final String PATH = "/api/v1/hdf5";
    /** Response header: how many objects the file stores differently from the live tree, or not at all. */
    public static final String NOTES_HEADER = "X-Hdf5-Notes";

    private static final Logger log = LoggerFactory.getLogger(Hdf5DownloadRoute.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<PublishTree> trees;
    private final Path temporaryDirectory;
    private final Semaphore oneWriterAtATime = new Semaphore(1);

    /** Serves the tree {@code trees} returns at each request, writing through the system's temporary directory. */
    public Hdf5DownloadRoute(Supplier<PublishTree> trees) {
        this(trees, null);
    }

    /**
     * @param temporaryDirectory where the file is written before it is sent, or {@code null} for the
     *                           system's temporary directory
     */
    public Hdf5DownloadRoute(Supplier<PublishTree> trees, Path temporaryDirectory) {
        this.trees = trees;
        this.temporaryDirectory = temporaryDirectory;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            sendText(exchange, 404, "no such resource: " + path);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET, OPTIONS");
            sendText(exchange, 405, "method " + exchange.getRequestMethod() + " is not allowed; use GET");
            return;
        }
        Path file = temporaryDirectory == null ? Files.createTempFile("jdranspose-", ".h5")
                : Files.createTempFile(temporaryDirectory, "jdranspose-", ".h5");
        try {
            List<String> notes = writeOneAtATime(file);
            exchange.getResponseHeaders().set("Content-Type", "application/x-hdf5");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"results.h5\"");
            exchange.getResponseHeaders().set(NOTES_HEADER, String.valueOf(notes.size()));
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private List<String> writeOneAtATime(Path file) throws IOException {
        try {
            oneWriterAtATime.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another HDF5 download to be written");
        }
        try {
            PublishTree tree = trees.get();
            long start = System.nanoTime();
            List<String> notes = Hdf5Writer.write(tree == null ? new PublishTree() : tree, file);
            log.info("HDF5 download written in {} ms ({} bytes)", (System.nanoTime() - start) / 1_000_000,
                    Files.size(file));
            return notes;
        } finally {
            oneWriterAtATime.release();
        }
    }

    private static void sendText(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message).put("status", status));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
