package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Finds free TCP ports on 127.0.0.1.
 *
 * <p>Ports are picked <em>below</em> the kernel's ephemeral range when possible, and checked by
 * binding them. Why not simply bind port 0: that hands out an ephemeral port, and between our
 * release and the server's bind the kernel may give the same port to an outgoing connection
 * (Patroni talks to etcd and to its peers constantly during start-up), which then makes the
 * server fail with "address already in use". Below the range only listeners compete, and those
 * the bind check sees. Falls back to port 0 when the range is unknown or too narrow.
 */
final class PortAllocator {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 20000;
    private static final int ATTEMPTS = 2000;

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final RandomGenerator random;

    PortAllocator(RandomGenerator random) {
        this.random = random;
    }

    /** {@code count} distinct ports that were free a moment ago. */
    List<Integer> allocate(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        int highest = ephemeralLow() - 1;
        if (highest - LOWEST >= 1000) {
            for (int i = 0; i < ATTEMPTS && ports.size() < count; i++) {
                int candidate = LOWEST + random.nextInt(highest - LOWEST + 1);
                if (!ports.contains(candidate) && isFree(candidate)) {
                    ports.add(candidate);
                }
            }
        }
        if (ports.size() < count) {
            ports.addAll(fromKernel(count - ports.size(), ports));
        }
        return List.copyOf(ports);
    }

    boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<Integer> fromKernel(int count, Set<Integer> taken) {
        // All sockets stay open until every port is known, so the kernel cannot repeat one.
        List<ServerSocket> open = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                open.add(socket);
                if (!taken.contains(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return ports;
        } catch (IOException e) {
            throw new SandboxException("Cannot find free ports on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : open) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket that never accepted cannot matter
                }
            }
        }
    }

    private static int ephemeralLow() {
        try {
            String[] range = new String(ProcessTable.readProcFile(EPHEMERAL_RANGE), StandardCharsets.US_ASCII)
                    .trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
