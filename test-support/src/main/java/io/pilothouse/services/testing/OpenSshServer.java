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
 * tests run as (and for any other user asked for), its own {@code sshd_config}, pid file and log. Public-key login
 * only. {@code dir} and its parents must be searchable by every user it lets in (they read their authorized_keys
 * there).
 *
 * <p>Run as root (CI), sshd needs its privilege-separation directory {@code /run/sshd}, which a container without
 * systemd lacks: it is created (root-owned, 0755, as the package's tmpfiles entry would). A locked account such as
 * Debian's {@code postgres} ({@code !} in /etc/shadow), which the sandbox runs PostgreSQL as, cannot log in while
 * {@code UsePAM no}; {@link Builder#pamForLockedAccounts()} turns PAM on so it can (PAM's account phase does not
 * look at the password lock).
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

    /** The user the tests run as, whom {@link #userKey()} logs in as. */
    public String user() {
        return user;
    }

    /** {@code user@127.0.0.1:port} for {@link #user()}. */
    public String destination() {
        return destination(user);
    }

    public String destination(String login) {
        return login + "@127.0.0.1:" + port;
    }

    /** The private key (no passphrase) authorized for every user this server lets in. */
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
        private final List<String> otherUsers = new ArrayList<>();
        private boolean pam;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Also lets {@code login} in with the same user key (e.g. the sandbox's {@code postgres} under root). */
        public Builder alsoAuthorize(String login) {
            otherUsers.add(login);
            return this;
        }

        /** UsePAM yes, so that a locked account (password field {@code !}) can log in with its key. */
        public Builder pamForLockedAccounts() {
            pam = true;
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
            Files.createDirectories(home);
            // Other users' sshd processes read authorized_keys as that user: the directory must be searchable.
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            generateKey(home.resolve("host_key"));
            generateKey(home.resolve("user_key"));
            String user = System.getProperty("user.name");
            Path keys = Files.createDirectories(home.resolve("authorized_keys"));
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
            String publicKey = Files.readString(home.resolve("user_key.pub"));
            List<String> logins = new ArrayList<>(otherUsers);
            logins.add(user);
            for (String login : logins) {
                Path file = keys.resolve(login);
                Files.writeString(file, publicKey);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            int port = freePort();
            Files.writeString(home.resolve("known_hosts"),
                    "[127.0.0.1]:" + port + " " + Files.readString(home.resolve("host_key.pub")));
            Files.writeString(home.resolve("sshd_config"), config(home, port));
            if (isRoot()) {
                // The privilege-separation directory, which systemd-tmpfiles creates on a booted system.
                Path privsep = Path.of("/run/sshd");
                if (!Files.isDirectory(privsep)) {
                    Files.createDirectories(privsep, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwxr-xr-x")));
                }
            }
            Process sshd = new ProcessBuilder(SSHD, "-D", "-e", "-f", home.resolve("sshd_config").toString())
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

        private String config(Path home, int port) {
            return String.join("\n",
                    "# Written by OpenSshServer (test-support) for one test run.",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + home.resolve("host_key"),
                    "PidFile " + home.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + home.resolve("authorized_keys") + "/%u",
                    // The test directory's owner and modes are the test's, not a home directory's.
                    "StrictModes no",
                    "UsePAM " + (pam ? "yes" : "no"),
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "AllowUsers " + String.join(" ", allUsers()),
                    "MaxStartups 50",
                    "LogLevel VERBOSE",
                    "") ;
        }

        private List<String> allUsers() {
            List<String> users = new ArrayList<>(otherUsers);
            users.add(System.getProperty("user.name"));
            return users;
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
