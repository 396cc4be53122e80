package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pilothouse.services.sandbox.SandboxStatus.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How up, down, status and destroy fail, and what they say; each case is quick. */
@Tag("servers")
class SandboxFailureTest {

    private final SandboxLauncher launcher = new SandboxLauncher();
    private final List<Path> created = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (Path dir : created) {
            if (Files.exists(dir.resolve("sandbox.json"))) {
                launcher.destroy(dir);
            }
            if (!Files.exists(dir)) {
                continue;
            }
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void refusesADirectoryTheSandboxUserCannotReach() throws IOException {
        assumeTrue(launcher.runAsUser().equals("postgres"), "only when running as root");
        Path locked = tempDir("ph-locked-");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> launcher.up(SandboxSpec.defaults(locked.resolve("sandbox")), line -> { }))
                .isInstanceOf(SandboxException.class)
                .hasMessage(locked.resolve("sandbox") + " is not reachable by user postgres (" + locked
                        + " is not searchable by it): choose a directory under /tmp or /var/tmp");
    }

    @Test
    void refusesANonEmptyDirectoryAndDestroyWillNotDeleteIt() throws IOException {
        Path dir = tempDir("ph-busy-");
        Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> launcher.up(SandboxSpec.defaults(dir), line -> { }))
                .hasMessageContaining("is not an empty directory");
        assertThatThrownBy(() -> launcher.destroy(dir)).hasMessageContaining("holds no sandbox");
        assertThat(dir.resolve("notes.txt")).exists();
    }

    @Test
    void refusesADirectoryTooDeepForTheUnixSocketPath() throws IOException {
        Path dir = tempDir("ph-deep-").resolve("a".repeat(90));

        assertThatThrownBy(() -> launcher.up(SandboxSpec.defaults(dir), line -> { }))
                .hasMessageContaining("too deep for PostgreSQL's unix socket path");
    }

    @Test
    void statusAndDownOfADirectoryWithoutSandboxReportNothing() throws IOException {
        Path dir = tempDir("ph-empty-");

        assertThat(launcher.status(dir).state()).isEqualTo(State.ABSENT);
        DownReport report = launcher.down(dir);
        assertThat(report.clean()).isTrue();
        assertThat(report.processes()).isEmpty();
    }

    @Test
    void failsFastWithTheLogOfAPatroniThatExitsAndStopsEtcdAgain() throws IOException {
        Path tools = tempDir("ph-fake-");
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fakePatroni = tools.resolve("patroni");
        Files.writeString(fakePatroni, "#!/bin/sh\necho 'FATAL: simulated patroni failure' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fakePatroni, PosixFilePermissions.fromString("rwxr-xr-x"));
        Binaries real = Binaries.debian();
        SandboxLauncher broken = new SandboxLauncher(
                new Binaries(real.pgBinDir(), fakePatroni, real.etcd(), real.haproxy(), real.python()),
                SandboxUser.detect(), Duration.ofSeconds(60));
        Path dir = tempDir("ph-crash-");
        List<String> progress = new ArrayList<>();

        long started = System.nanoTime();
        assertThatThrownBy(() -> broken.up(SandboxSpec.defaults(dir), progress::add))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("node1 (patroni, pid ")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("logs/node1.log:\nFATAL: simulated patroni failure");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(progress).last().asString().startsWith("Start failed");
        assertThat(launcher.status(dir).state()).isEqualTo(State.STOPPED);
        assertThat(ProcessTable.mentioning(dir.toRealPath())).isEmpty();
        assertThatThrownBy(() -> launcher.kill9Member(dir, "node7")).hasMessageContaining("No member called 'node7'");
        assertThatThrownBy(() -> launcher.kill9Member(dir, "node1")).hasMessageContaining("is not running");
        assertThatThrownBy(() -> launcher.up(SandboxSpec.defaults(dir), line -> { }))
                .hasMessageContaining("holds a stopped sandbox");
    }

    private Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
        created.add(dir);
        return dir;
    }
}
