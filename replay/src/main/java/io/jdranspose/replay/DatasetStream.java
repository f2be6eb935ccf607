package io.jdranspose.replay;

/**
 * One HDF5 dataset to replay and the stream its frames become ({@code --dataset /entry/data/data=eiger}).
 *
 * @param path   absolute path of the dataset inside the HDF5 file
 * @param stream name of the STINS stream the plugin sees
 */
public record DatasetStream(String path, String stream) {
    public DatasetStream {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("dataset path is empty");
        }
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream name for dataset '" + path + "' is empty");
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
    }

    /**
     * Parses {@code PATH=STREAM}; the last {@code =} splits, since HDF5 names may contain one but stream names
     * are plain words.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static DatasetStream parse(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("--dataset '" + text + "' is not PATH=STREAM, e.g. /entry/data/data=eiger");
        }
        return new DatasetStream(text.substring(0, eq), text.substring(eq + 1));
    }
}
