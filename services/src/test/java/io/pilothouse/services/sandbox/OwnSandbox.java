package io.pilothouse.services.sandbox;

import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.UnaryOperator;

/**
 * A sandbox of the test class's own, in a fresh directory under {@code /tmp}, destroyed by {@link #close()} or
 * {@link #down()} (which returns the {@link DownReport}).
 * Tests that kill, stop, pause or reconfigure members, switch over or fail over must use one of these and never
 * {@link SharedSandbox}: the shared one is read by other test classes in the same JVM, which would see the damage.
 *
 * <pre>{@code
 * own = OwnSandbox.start("pilothouse-ops-", s -> s.withMembers(2).withScope("ops"));
 * ...
 * @AfterAll static void stop() { if (own != null) assertThat(own.closeCleanly()).isTrue(); }  // or own.close()
 * }</pre>
 */
public final class OwnSandbox implements AutoCloseable {

    /** Not java.io.tmpdir: build tools point that into the build tree, which postgres may not reach. */
    private static final Path PARENT = Path.of("/tmp");

    private final SandboxLauncher launcher;
    private final Path dir;
    private final SandboxInfo info;
    private Workspace workspace;
    private DownReport down;

    private OwnSandbox(SandboxLauncher launcher, Path dir, SandboxInfo info) {
        this.launcher = launcher;
        this.dir = dir;
        this.info = info;
    }

    /**
     * Creates {@code /tmp/<dirPrefix>…} with mode {@code rwxr-xr-x} (PostgreSQL may run as another user and must
     * pass through it) and starts a sandbox there from {@code SandboxSpec.defaults(dir)} running the test JVM's Patroni
     * ({@link TestPatroni}), adjusted by {@code spec}.
     * If starting fails, whatever was started is destroyed before the exception propagates.
     */
    public static OwnSandbox start(String dirPrefix, UnaryOperator<SandboxSpec> spec) {
        SandboxLauncher launcher = new SandboxLauncher();
        Path dir;
        try {
            dir = Files.createTempDirectory(PARENT, dirPrefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a sandbox directory under " + PARENT, e);
        }
        try {
            // The test JVM's Patroni (TestPatroni) first, so a test may still pick one explicitly.
            SandboxSpec defaults = SandboxSpec.defaults(dir).withPatroni(TestPatroni.release());
            return new OwnSandbox(launcher, dir, launcher.up(spec.apply(defaults), p -> { }));
        } catch (RuntimeException e) {
            try {
                launcher.destroy(dir);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public SandboxInfo info() {
        return info;
    }

    public Path dir() {
        return dir;
    }

    /** For {@code kill9Member(dir(), …)}, {@code stopEtcd(dir())} and the like. */
    public SandboxLauncher launcher() {
        return launcher;
    }

    /** The workspace the sandbox wrote, loaded on first call (so a test may edit sandbox files before). */
    public synchronized Workspace workspace() {
        if (workspace == null) {
            try {
                workspace = new WorkspaceLoader().load(info.workspaceFile());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot load the sandbox workspace " + info.workspaceFile(), e);
            }
        }
        return workspace;
    }

    /** The first source's name in {@link #workspace()}. */
    public String sourceName() {
        return workspace().sources().get(0).name();
    }

    /** Stops and deletes the sandbox (once; later calls return the first report). */
    public synchronized DownReport down() {
        if (down == null) {
            down = launcher.destroy(dir);
        }
        return down;
    }

    /** {@link #down()}, true if nothing was left running. */
    public boolean closeCleanly() {
        return down().clean();
    }

    /** {@link #down()}, ignoring the report. */
    @Override
    public void close() {
        down();
    }
}
