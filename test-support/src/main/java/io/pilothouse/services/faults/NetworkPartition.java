package io.pilothouse.services.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cuts one sandbox member off the network with nftables, on this machine's loopback only (root). Three rules in a
 * table of its own, in the {@code output} hook, all limited to destinations in {@code 127.0.0.0/8}:
 * <ul>
 *   <li>packets to or from the member's listening ports (PostgreSQL, Patroni REST): nobody reaches it;</li>
 *   <li>packets to or from the local ports of the sockets its processes hold right now (Patroni's etcd session, the
 *       WAL receiver's connection to the leader): its open connections go silent;</li>
 *   <li>packets of any socket its processes open from now on, by their cgroup v2 (the processes are moved into a
 *       cgroup made for this): its reconnects fail.</li>
 * </ul>
 * Packets are dropped, not rejected, so both sides see what a real partition shows: timeouts, not refusals.
 * {@link #close()} deletes the table, moves the processes back to the root cgroup and removes the cgroup.
 *
 * <p>Why not network namespaces (pg_auto_failover's tests): a sandbox member's processes are started by its Patroni in
 * the host namespace and a running process cannot be moved into another one; placing a member in a namespace would
 * need the launcher to start it there with a veth address, which it does not do (yet).
 */
public final class NetworkPartition implements AutoCloseable {

    private static final Path PROC_MOUNTS = Path.of("/proc/mounts");
    private static final String NFT = "nft";

    private final String table;
    private final Path cgroupMount;
    private final Path cgroup;
    private final Thread cleanup;
    private boolean healed;

    private NetworkPartition(String table, Path cgroupMount, Path cgroup) {
        this.table = table;
        this.cgroupMount = cgroupMount;
        this.cgroup = cgroup;
        this.cleanup = new Thread(this::heal, "heal-" + table);
    }

    /**
     * Why a partition cannot be made on this machine, or null when it can: needs root, the {@code nft} command and a
     * cgroup v2 hierarchy.
     */
    public static String unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "a network partition needs root (nftables rules and a cgroup); running as " + System.getProperty("user.name");
        }
        if (cgroup2Mount() == null) {
            return "no cgroup v2 hierarchy is mounted (see /proc/mounts)";
        }
        try {
            Process p = new ProcessBuilder(NFT, "--version").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "'nft --version' failed; install Debian's nftables (scripts/ensure-packages.sh test does)";
            }
        } catch (IOException e) {
            return "no 'nft' command; install Debian's nftables (scripts/ensure-packages.sh test does)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    /**
     * Isolates the processes {@code pids} (a member's Patroni and PostgreSQL) and its listening {@code ports}.
     *
     * @param name a short name for the table and the cgroup ({@code [a-z0-9_]})
     */
    public static NetworkPartition isolate(String name, Collection<Long> pids, Collection<Integer> ports) {
        String why = unavailableBecause();
        if (why != null) {
            throw new IllegalStateException("Cannot make a network partition: " + why);
        }
        String id = "pilothouse_faults_" + ProcessHandle.current().pid() + "_" + name.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        Path mount = cgroup2Mount();
        Path cgroup = mount.resolve(id);
        NetworkPartition partition = new NetworkPartition(id, mount, cgroup);
        Runtime.getRuntime().addShutdownHook(partition.cleanup);
        try {
            Files.createDirectories(cgroup);
            for (long pid : pids) {
                moveTo(cgroup, pid);
            }
            Set<Integer> blocked = new TreeSet<>(ports);
            blocked.addAll(localPortsOf(pids));
            nft(script(id, blocked, Path.of("/sys/fs/cgroup").relativize(cgroup)));
            return partition;
        } catch (RuntimeException | IOException e) {
            partition.heal();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    static String script(String table, Set<Integer> ports, Path cgroupUnderSysFs) {
        String set = ports.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
        return "table inet " + table + " {\n"
                + "  set ports { type inet_service; elements = { " + set + " } }\n"
                + "  chain out {\n"
                + "    type filter hook output priority 0; policy accept;\n"
                + "    ip daddr 127.0.0.0/8 tcp sport @ports drop\n"
                + "    ip daddr 127.0.0.0/8 tcp dport @ports drop\n"
                + "    ip daddr 127.0.0.0/8 socket cgroupv2 level 1 \"" + cgroupUnderSysFs + "\" drop\n"
                + "  }\n"
                + "}\n";
    }

    /** The nftables table holding the rules. */
    public String table() {
        return table;
    }

    /** Removes the rules and the cgroup; the member's connections time out and reconnect on their own. */
    @Override
    public void close() {
        heal();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook heals
        }
    }

    private synchronized void heal() {
        if (healed) {
            return;
        }
        healed = true;
        List<String> problems = new ArrayList<>();
        try {
            nft("delete table inet " + table + "\n");
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        try {
            if (Files.isDirectory(cgroup)) {
                for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                    if (!pid.isBlank()) {
                        moveTo(cgroupMount, Long.parseLong(pid.trim()));
                    }
                }
                Files.delete(cgroup);
            }
        } catch (IOException | RuntimeException e) {
            problems.add("cgroup " + cgroup + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            System.err.println("[faults] healing partition " + table + ": " + problems);
        }
    }

    private static void moveTo(Path cgroup, long pid) {
        try {
            Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(pid));
        } catch (IOException e) {
            // a process that exited meanwhile (a backend) cannot be moved and needs no rule
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new UncheckedIOException("Cannot move pid " + pid + " into " + cgroup, e);
            }
        }
    }

    /** The local TCP ports of every socket the processes hold, from their fds and {@code /proc/net/tcp{,6}}. */
    static Set<Integer> localPortsOf(Collection<Long> pids) throws IOException {
        Set<String> inodes = new TreeSet<>();
        for (long pid : pids) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                fds.forEach(fd -> {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException e) {
                        // fd closed meanwhile
                    }
                });
            } catch (IOException e) {
                // process gone
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && inodes.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static Path cgroup2Mount() {
        try {
            for (String line : Files.readAllLines(PROC_MOUNTS)) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("cgroup2") && f[1].startsWith("/sys/fs/cgroup")
                        && Files.isWritable(Path.of(f[1]))) {
                    return Path.of(f[1]);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static void nft(String script) {
        try {
            Process p = new ProcessBuilder(NFT, "-f", "-").redirectErrorStream(true).start();
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("nft failed: " + out.trim() + "\n" + script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run nft", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running nft", e);
        }
    }
}
