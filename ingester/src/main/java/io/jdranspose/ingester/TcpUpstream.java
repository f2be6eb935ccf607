package io.jdranspose.ingester;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A plain TCP connection to a device that streams text, such as the PandA's position-capture port (dranspose
 * §5.9): connect, send a newline, then read. Each message is the bytes one read returned, split anywhere; the
 * protocol's reader cuts them into lines. The connection is read as fast as it delivers (an undrained PandA
 * connection stalls the PandA), and a closed connection ends the source.
 */
final class TcpUpstream implements UpstreamSource {
    static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final int READ_SLICE_MILLIS = 20;
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private boolean exhausted;

    private TcpUpstream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Connects to {@code tcp://host:port} and sends the newline that starts the stream.
     *
     * @throws UncheckedIOException naming the address when the connection fails
     */
    static TcpUpstream connect(String url) {
        URI uri = URI.create(url);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_SLICE_MILLIS);
            socket.getOutputStream().write("\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new TcpUpstream(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<byte[]> receive(boolean wait) {
        if (exhausted) {
            return null;
        }
        try {
            if (!wait && in.available() == 0) {
                return null;
            }
            int n = in.read(buffer);
            if (n < 0) {
                exhausted = true;
                return null;
            }
            return n == 0 ? null : List.of(Arrays.copyOf(buffer, n));
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            exhausted = true; // a reset connection ends the source like a closed one
            return null;
        }
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing is read from it any more either way
        }
    }
}
