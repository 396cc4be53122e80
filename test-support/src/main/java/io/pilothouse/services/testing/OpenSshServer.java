package io.pilothouse.services.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server (Debian {@code openssh-server}'s {@code /usr/sbin/sshd}) on a free loopback port, run as a
 * child process from one directory: a generated Ed25519 host key, a generated user key authorized for the user the
 * tests run as, its own {@code sshd_config} ({@code UsePAM no}, {@code StrictModes no}), pid file and log.
 * Public-key login only.
 *
 * <p>Run as root (CI), sshd needs its privilege-separation directory {@code /run/sshd}, which a container without
 * systemd lacks: it is created (root-owned, 0755, as the package's tmpfiles entry would). A root sshd refuses a
 * locked account such as Debian's {@code postgres} ({@code !} in /etc/shadow), which the sandbox runs PostgreSQL as;
 * {@link Builder#runAs} runs sshd as that user instead, which lets it in.
 */
public final class OpenSshServer implements AutoCloseable {

    private static final String SSHD = "/usr/sbin/sshd";
    private static final String SSH_KEYGEN = "/usr/bin/ssh-keygen";

    private final Path dir;
    private final int port;
    private final Process sshd;
    private final String user;

    private OpenSshServer(Path dir, int port, Process sshd, String user) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
        this.user = user;
    }

    /** A server in {@code dir} (created if absent) that lets the current user in with {@link #userKey()}. */
    public static OpenSshServer start(Path dir) {
        return builder(dir).start();
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** True when this machine has the OpenSSH server and ssh-keygen (Debian openssh-server, openssh-client). */
    public static boolean installed() {
        return Files.isExecutable(Path.of(SSHD)) && Files.isExecutable(Path.of(SSH_KEYGEN));
    }

    /** The port sshd listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The user {@link #userKey()} logs in as: the one the tests run as, or {@link Builder#runAs}'s. */
    public String user() {
        return user;
    }

    /** {@code user@127.0.0.1:port} for {@link #user()}. */
    public String destination() {
        return user + "@127.0.0.1:" + port;
    }

    /** The private key (no passphrase) authorized for {@link #user()}. */
    public Path userKey() {
        return dir.resolve("user_key");
    }

    /** A known_hosts file with this server's host key for {@code [127.0.0.1]:port}. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** The host key's fingerprint as OpenSSH prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        return fingerprint(dir.resolve("host_key.pub"));
    }

    /** sshd's log (LogLevel VERBOSE), for a failing test's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Lets the current user in with one more public key (appended to its authorized_keys). */
    public void authorize(Path publicKey) {
        try {
            Files.writeString(dir.resolve("authorized_keys").resolve(user), Files.readString(publicKey),
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills every per-connection sshd process (not the listener, nor the commands they started): as if sshd died
     * mid-command, the client's TCP connection ends without an exit status. The commands are left to end on their
     * own, as they would on a real host (killing a login shell mid-start-up can leave its rc files' lock files).
     */
    public void dropConnections() {
        sshd.descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/sshd"))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        sshd.descendants().forEach(ProcessHandle::destroyForcibly);
        sshd.destroy();
        try {
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
                sshd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Generates an Ed25519 key pair without passphrase at {@code file} and {@code file.pub}. */
    public static void generateKey(Path file) {
        generateKey(file, "");
    }

    /** Generates an Ed25519 key pair at {@code file}, encrypted with {@code passphrase} when not empty. */
    public static void generateKey(Path file, String passphrase) {
        run(List.of(SSH_KEYGEN, "-q", "-t", "ed25519", "-N", passphrase, "-C", "pilothouse-test", "-f", file.toString()));
    }

    /** {@code ssh-keygen -lf}'s fingerprint of a public key file. */
    public static String fingerprint(Path publicKey) {
        String line = run(List.of(SSH_KEYGEN, "-lf", publicKey.toString()));
        return line.split(" ")[1];
    }

    /** Options for {@link #start()}. */
    public static final class Builder {
        private final Path dir;
        private String runAs;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /**
         * Runs sshd itself as {@code login} (through {@code setpriv}, root only), which then lets exactly that user
         * in, without PAM: an unprivileged sshd does not read /etc/shadow, so a locked account such as the sandbox's
         * {@code postgres} logs in with its key. Needs {@code dir} and its parents searchable by {@code login}.
         */
        public Builder runAs(String login) {
            runAs = login;
            return this;
        }

        public OpenSshServer start() {
            try {
                return startIn(dir.toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start sshd in " + dir + ": " + e.getMessage(), e);
            }
        }

        private OpenSshServer startIn(Path home) throws IOException {
            String self = System.getProperty("user.name");
            String user = runAs == null ? self : runAs;
            boolean dropping = !user.equals(self);
            if (dropping && !isRoot()) {
                throw new IllegalStateException("only root can run sshd as " + user);
            }
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            generateKey(home.resolve("host_key"));
            generateKey(home.resolve("user_key"));
            Path keys = Files.createDirectories(home.resolve("authorized_keys"));
            Files.copy(home.resolve("user_key.pub"), keys.resolve(user));
            int port = freePort();
            Files.writeString(home.resolve("known_hosts"),
                    "[127.0.0.1]:" + port + " " + Files.readString(home.resolve("host_key.pub")));
            Files.writeString(home.resolve("sshd_config"), config(home, port, user));
            List<String> command = new ArrayList<>();
            if (dropping) {
                // sshd reads its host key and writes its pid file as that user.
                for (String name : List.of("", "host_key", "host_key.pub", "authorized_keys", "authorized_keys/" + user,
                        "sshd_config")) {
                    chown(home.resolve(name), user);
                }
                command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
            } else if (isRoot()) {
                // The privilege-separation directory, which systemd-tmpfiles creates on a booted system.
                Path privsep = Path.of("/run/sshd");
                if (!Files.isDirectory(privsep)) {
                    Files.createDirectories(privsep, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwxr-xr-x")));
                }
            }
            command.addAll(List.of(SSHD, "-D", "-e", "-f", home.resolve("sshd_config").toString()));
            Process sshd = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("sshd.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            OpenSshServer server = new OpenSshServer(home, port, sshd, user);
            try {
                Await.until(Duration.ofSeconds(10), "sshd listening on 127.0.0.1:" + port + " (log: "
                        + home.resolve("sshd.log") + ")", () -> sshd.isAlive() && listening(port), ok -> ok
                        || !sshd.isAlive());
                if (!sshd.isAlive()) {
                    throw new IllegalStateException("sshd exited at once: " + server.log());
                }
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        }

        private static String config(Path home, int port, String user) {
            return String.join("\n",
                    "# Written by OpenSshServer (test-support) for one test run.",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + home.resolve("host_key"),
                    "PidFile " + home.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + home.resolve("authorized_keys") + "/%u",
                    // The test directory's owner and modes are the test's, not a home directory's.
                    "StrictModes no",
                    "UsePAM no",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "AllowUsers " + user,
                    "MaxStartups 50",
                    "LogLevel VERBOSE",
                    "");
        }

        private static void chown(Path path, String user) throws IOException {
            var lookup = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, lookup.lookupPrincipalByName(user));
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
