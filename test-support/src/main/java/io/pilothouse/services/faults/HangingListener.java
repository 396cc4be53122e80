package io.pilothouse.services.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on a free loopback port that accepts every connection and never answers: what a hung Patroni (or
 * a proxy in front of it) looks like to a client — the connect succeeds, the request is sent, no byte comes back.
 * Accepted sockets are held open (never read, never written) until {@link #close()}.
 *
 * <pre>{@code
 * try (HangingListener hang = HangingListener.start()) { workspace points a member's REST at hang.url() … }
 * }</pre>
 */
public final class HangingListener implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private HangingListener(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptForever, "hanging-listener-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** Binds {@code 127.0.0.1} on a port the kernel picks, and starts accepting. */
    public static HangingListener start() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            HangingListener listener = new HangingListener(server);
            listener.acceptor.start();
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind a loopback port for the hanging listener", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, as Patroni's {@code connect_address} names it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + address();
    }

    /** How many connections were accepted so far (each one a client now waiting in vain). */
    public int acceptedCount() {
        return accepted.get();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
                accepted.incrementAndGet();
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    /** Stops accepting and closes every held connection (clients then see a reset or end of stream). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to do
        }
        for (Socket s : held) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        held.clear();
    }
}
