package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One sandbox per test JVM, started on first use and stopped (and deleted) by a shutdown hook.
 * For test classes that only read from a cluster; a test that kills members or switches over
 * must start its own with {@link SandboxLauncher}, or it breaks the other classes' assumptions.
 *
 * <pre>{@code
 * SandboxInfo sandbox = SharedSandbox.get();
 * try (Connection c = SandboxConnections.connect(sandbox, "node1", sandbox.monitorUser(), "postgres")) { … }
 * }</pre>
 *
 * <p>Environment: {@code PILOTHOUSE_SANDBOX_MEMBERS} (default 3), {@code PILOTHOUSE_SANDBOX_HAPROXY}
 * ({@code true} to add HAProxy), system property {@code pilothouse.test.patroni} ({@code 3} or {@code 4}, see
 * {@link TestPatroni}), {@code PILOTHOUSE_SANDBOX_KEEP} ({@code true} to leave it running
 * after the JVM exits, for a post-mortem; stop it with {@code SandboxLauncher.destroy}),
 * {@code PILOTHOUSE_SANDBOX_REAP_ORPHANS} (see below).
 *
 * <p>A JVM killed before its shutdown hook leaves its sandbox behind. The next JVM to call
 * {@link #get()} lists such orphans (those whose owner process is gone) on stderr, and stops and
 * deletes them only if {@code PILOTHOUSE_SANDBOX_REAP_ORPHANS=true}: on a CI agent that is what
 * you want, on a shared workstation they may be a colleague's post-mortem.
 */
public final class SharedSandbox {

    private static final String PREFIX = "pilothouse-shared-";
    private static final String OWNER_FILE = "owner";
    /** Not java.io.tmpdir: build tools point that into the build tree, which postgres may not reach. */
    private static final Path PARENT = Path.of("/tmp");

    private static SandboxInfo info;
    private static RuntimeException failure;

    private SharedSandbox() {}

    /**
     * The JVM-wide sandbox, started now if needed (a few seconds). If starting failed once, every
     * later call fails the same way at once instead of waiting out the timeout again.
     */
    public static synchronized SandboxInfo get() {
        if (info != null) {
            return info;
        }
        if (failure != null) {
            throw new IllegalStateException("The shared sandbox failed to start earlier in this JVM", failure);
        }
        try {
            info = start();
            return info;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** The directory of the JVM-wide sandbox (starting it if needed). */
    public static Path dir() {
        return get().dir();
    }

    private static SandboxInfo start() {
        SandboxLauncher launcher = new SandboxLauncher();
        reapOrphans(launcher);
        Path home = createHome();
        Path dir = home.resolve("sandbox");
        SandboxSpec spec = SandboxSpec.defaults(dir).withPatroni(TestPatroni.release())
                .withMembers(intEnv("PILOTHOUSE_SANDBOX_MEMBERS", 3))
                .withHaproxy(Boolean.parseBoolean(System.getenv("PILOTHOUSE_SANDBOX_HAPROXY")));
        if (!Boolean.parseBoolean(System.getenv("PILOTHOUSE_SANDBOX_KEEP"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(launcher, home), "shared-sandbox-stop"));
        }
        return launcher.up(spec, line -> System.out.println("[shared sandbox] " + line));
    }

    /** A private parent holding the owner file, so the sandbox directory itself starts out empty. */
    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory(PARENT, PREFIX);
            // The sandbox user (postgres when we are root) must be able to pass through.
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(home.resolve(OWNER_FILE),
                    self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("?") + "\n");
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the shared sandbox", e);
        }
    }

    private static void stop(SandboxLauncher launcher, Path home) {
        try {
            launcher.destroy(home.resolve("sandbox"));
            Files.deleteIfExists(home.resolve(OWNER_FILE));
            Files.deleteIfExists(home);
        } catch (IOException | RuntimeException e) {
            System.err.println("[shared sandbox] could not stop " + home + ": " + e.getMessage());
        }
    }

    /** Reports, and if asked stops and deletes, shared sandboxes whose owner JVM is gone. */
    private static void reapOrphans(SandboxLauncher launcher) {
        boolean reap = Boolean.parseBoolean(System.getenv("PILOTHOUSE_SANDBOX_REAP_ORPHANS"));
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(PARENT, PREFIX + "*")) {
            for (Path home : homes) {
                if (!Files.isDirectory(home) || !isOrphan(home.resolve(OWNER_FILE))) {
                    continue;
                }
                if (reap) {
                    stop(launcher, home);
                } else {
                    System.err.println("[shared sandbox] orphan left by a dead JVM: " + home.resolve("sandbox")
                            + " (set PILOTHOUSE_SANDBOX_REAP_ORPHANS=true to remove such orphans automatically)");
                }
            }
        } catch (IOException e) {
            System.err.println("[shared sandbox] could not look for orphans in " + PARENT + ": " + e.getMessage());
        }
    }

    private static boolean isOrphan(Path ownerFile) throws IOException {
        if (!Files.isRegularFile(ownerFile) || !Files.isWritable(ownerFile.getParent())) {
            return false;
        }
        List<String> owner = List.of(Files.readString(ownerFile).trim().split(" "));
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(owner.get(0)));
        String started = process.flatMap(p -> p.info().startInstant()).map(Instant::toString).orElse(null);
        // Same pid but another start time: the pid was recycled, the owner is gone.
        return process.isEmpty() || !process.get().isAlive() || !owner.get(1).equals(started);
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
