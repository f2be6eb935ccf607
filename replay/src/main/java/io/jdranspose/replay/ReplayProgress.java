package io.jdranspose.replay;

/** Called now and then from the reading thread so a CLI can draw a progress bar. */
@FunctionalInterface
public interface ReplayProgress {
    ReplayProgress NONE = (bytesRead, totalBytes, events) -> { };

    /**
     * @param bytesRead  bytes of the recording files read so far (compressed size for gzipped files)
     * @param totalBytes sum of the file sizes
     * @param events     events dispatched so far
     */
    void update(long bytesRead, long totalBytes, long events);
}
