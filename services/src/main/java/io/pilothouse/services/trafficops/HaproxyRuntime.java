package io.pilothouse.services.trafficops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HAProxy's runtime API over its UNIX stats socket: one command per connection (HAProxy's non-interactive mode
 * answers and closes). Every read is bounded by a timeout, so a hung HAProxy is an error, never a hang.
 */
public final class HaproxyRuntime {

    private final Path socket;
    private final Duration timeout;

    public HaproxyRuntime(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Where the socket is. */
    public Path socket() {
        return socket;
    }

    /**
     * Sends {@code command} (one line, no newline in it) and returns HAProxy's whole answer.
     *
     * @throws TrafficSourceException when the socket is missing, refuses, or does not answer in time
     */
    public String send(String command) throws TrafficSourceException {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0 || command.indexOf(';') >= 0) {
            throw new IllegalArgumentException("one runtime command per call, without newlines or ';'");
        }
        if (!Files.exists(socket)) {
            throw new TrafficSourceException("HAProxy's admin socket " + socket + " does not exist: add 'stats socket "
                    + socket + " level admin' to the global section of haproxy.cfg, or check the path", null);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new TrafficSourceException("HAProxy's admin socket " + socket + " did not answer '"
                            + command + "' within " + timeout.toMillis() + " ms", null);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(in.array(), 0, n);
            }
        } catch (IOException e) {
            throw new TrafficSourceException("cannot talk to HAProxy over " + socket + ": " + e.getMessage()
                    + " (is HAProxy running, and is this user allowed on the socket?)", e);
        }
    }
}
