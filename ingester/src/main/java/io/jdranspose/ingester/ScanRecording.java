package io.jdranspose.ingester;

import io.jdranspose.api.StreamData;
import io.jdranspose.runtime.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan's recording (reference §6.1): opened in append mode at the scan's start, one record per consumed
 * assignment written before the frame is forwarded, closed when the scan finishes or is abandoned. A disk
 * problem must not stop the data flow: it is logged once and the rest of the scan is not recorded.
 */
final class ScanRecording implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScanRecording.class);

    private final String stream;
    private RecordingWriter writer;

    private ScanRecording(String stream, RecordingWriter writer) {
        this.stream = stream;
        this.writer = writer;
    }

    /**
     * Where a scan is recorded: the ingester's own dump path wins; else the controller's {@code dump_prefix},
     * as {@code <prefix><ingester name>-<mapping uuid>.cbors}; null for no recording.
     */
    static Path pathFor(IngesterConfig config, String dumpPrefix, String mappingUuid) {
        if (config.dumpPath() != null) {
            return config.dumpPath();
        }
        if (dumpPrefix == null || dumpPrefix.isEmpty()) {
            return null;
        }
        return Path.of(dumpPrefix + config.name() + "-" + mappingUuid + ".cbors");
    }

    /** @return the open recording, or null when it cannot be opened (logged) */
    static ScanRecording open(Path path, String stream) {
        try {
            return new ScanRecording(stream, RecordingWriter.append(path));
        } catch (IOException | RuntimeException e) {
            LOG.error("stream {}: cannot open recording {}: {}; this scan is not recorded", stream, path,
                    e.toString());
            return null;
        }
    }

    void write(long event, StreamData data) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(event, Map.of(stream, data), Instant.now());
        } catch (IOException | RuntimeException e) {
            LOG.error("stream {}: cannot write event {} to recording {}: {}; the rest of this scan is not recorded",
                    stream, event, writer.path(), e.toString());
            close();
        }
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            LOG.error("stream {}: cannot close recording {}: {}", stream, writer.path(), e.toString());
        }
        writer = null;
    }
}
