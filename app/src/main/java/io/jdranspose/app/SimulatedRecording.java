package io.jdranspose.app;

import io.jdranspose.api.StreamData;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.runtime.recording.RecordingWriter;
import io.jdranspose.simulator.DiffractionFrames;
import io.jdranspose.simulator.StinsMessages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a simulated STINS series as an ingester recording: event 0 the start, events 1..n the images,
 * event n+1 the end, exactly what an ingester records during a scan with the usual start/end wrapping.
 */
public final class SimulatedRecording {
    private SimulatedRecording() {
    }

    /** Writes {@code images} frames of {@code frames} as stream {@code stream}; returns the bytes of frame data. */
    public static long write(Path file, String stream, DiffractionFrames frames, long images, String filename)
            throws IOException {
        long bytes = 0;
        long event = 0;
        try (RecordingWriter writer = RecordingWriter.create(file)) {
            Iterator<List<byte[]>> series = StinsMessages.series(frames, images, filename);
            while (series.hasNext()) {
                StreamData data = new StreamData(Stins.TYPE, series.next());
                bytes += data.byteCount();
                writer.write(event++, Map.of(stream, data), Instant.now());
            }
        }
        return bytes;
    }
}
