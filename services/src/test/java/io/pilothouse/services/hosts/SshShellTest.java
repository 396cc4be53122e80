package io.pilothouse.services.hosts;

import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link SshShell} against a real OpenSSH server on a loopback port (one sshd for the class). */
@Tag("servers")
class SshShellTest {

    @TempDir
    static Path dir;
    private static OpenSshServer server;

    @BeforeAll
    static void startSshd() {
        assumeTrue(OpenSshServer.installed(), "openssh-server is not installed (scripts/ensure-packages.sh test)");
        server = OpenSshServer.start(dir.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() {
        if (server != null) {
            server.close();
        }
    }

    private static SshSettings settings() {
        return SshSettings.defaults().withKnownHostsFiles(List.of(server.knownHosts()))
                .withIdentities(List.of(server.userKey()));
    }

    private static SshShell open() throws HostCommandException {
        return SshShell.open(SshTarget.parse(server.destination()), settings());
    }

    @Test
    void runsACommandAndReadsItsExitCodeAndBothStreams() throws Exception {
        try (HostShell shell = HostShells.open(Optional.of(server.destination()), settings())) {
            CommandResult result = shell.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                    Duration.ofSeconds(10));
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.stdout()).isEqualTo("out\n");
            assertThat(result.stderr()).isEqualTo("err\n");
            assertThat(shell.run(List.of("id", "-un"), Duration.ofSeconds(10)).stdout().strip())
                    .isEqualTo(server.user());
            assertThat(shell.describe()).isEqualTo("ssh " + server.user() + "@127.0.0.1:" + server.port());
            assertThat(shell.isLocal()).isFalse();
        }
    }

    @Test
    void hostileArgumentsArriveUnchanged() throws Exception {
        List<String> hostile = List.of("$(touch " + dir + "/pwned)", "`id`", "a'b\"c", "; rm -rf /", "*", "",
                "two\nlines", "-n", "back\\slash", "tab\there", "ünïcödé ✓", "${HOME}", "|&<>!#~");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(hostile);
        try (SshShell shell = open()) {
            CommandResult result = shell.run(argv, Duration.ofSeconds(10));
            assertThat(result.exitCode()).isZero();
            assertThat(Arrays.asList(result.stdout().split("\0", -1)).subList(0, hostile.size()))
                    .containsExactlyElementsOf(hostile);
        }
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void writesAFileWithMode0600ReplacingAnOlderOneAndLeavingNoTemporaryFile() throws Exception {
        Path target = dir.resolve("written/it's a $(dir)/patroni.yml");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old, world-readable");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        byte[] content = "scope: demo\npassword: by-reference\n".getBytes(StandardCharsets.UTF_8);
        try (SshShell shell = open()) {
            shell.writeFile(target.toString(), content, 0600);
            CommandResult stat = shell.run(List.of("stat", "-c", "%a", target.toString()), Duration.ofSeconds(10));
            assertThat(stat.stdout().strip()).isEqualTo("600");
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("patroni.yml");
        }
    }

    @Test
    void acceptsAHostKeyRecordedHashedAsSshKeygenDashHWritesIt() throws Exception {
        Path hashed = dir.resolve("hashed_known_hosts");
        Files.copy(server.knownHosts(), hashed);
        Process hashing = new ProcessBuilder("ssh-keygen", "-H", "-f", hashed.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(hashing.waitFor(10, TimeUnit.SECONDS) && hashing.exitValue() == 0).isTrue();
        assertThat(Files.readString(hashed)).startsWith("|1|").doesNotContain("127.0.0.1");
        try (SshShell shell = SshShell.open(SshTarget.parse(server.destination()),
                settings().withKnownHostsFiles(List.of(hashed)))) {
            assertThat(shell.hostKey()).isEqualTo("ssh-ed25519 " + server.hostKeyFingerprint());
        }
    }

    @Test
    void refusesAnUnknownHostKeyShowingItsFingerprintAndTheCommandToTrustIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        SshSettings untrusting = settings().withKnownHostsFiles(List.of(empty));
        assertThatThrownBy(() -> SshShell.open(SshTarget.parse(server.destination()), untrusting))
                .isInstanceOf(HostCommandException.class)
                .hasMessageContaining("is not known")
                .hasMessageContaining(server.hostKeyFingerprint())
                .hasMessageContaining("ssh-keyscan -p " + server.port() + " -t ed25519 127.0.0.1 >> " + empty);
    }

    @Test
    void anUnknownHostKeyTrustedOnRequestIsWrittenAsSshKeyscanWouldAndThenAccepted() throws Exception {
        Path knownHosts = dir.resolve("fresh-ssh-dir/known_hosts");
        SshSettings untrusting = settings().withKnownHostsFiles(List.of(knownHosts));
        UnknownHostKeyException unknown = catchThrowableOfType(UnknownHostKeyException.class,
                () -> SshShell.open(SshTarget.parse(server.destination()), untrusting));
        assertThat(unknown.fingerprint()).isEqualTo("ssh-ed25519 " + server.hostKeyFingerprint());
        unknown.trust(knownHosts);
        assertThat(Files.getPosixFilePermissions(knownHosts.getParent()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(knownHosts)).startsWith("[127.0.0.1]:" + server.port() + " ssh-ed25519 AAAA");
        try (SshShell shell = SshShell.open(SshTarget.parse(server.destination()), untrusting)) {
            assertThat(shell.run(List.of("true"), Duration.ofSeconds(10)).ok()).isTrue();
        }
    }

    @Test
    void refusesAChangedHostKeyLoudly() throws Exception {
        Path otherHost = dir.resolve("other_host_key");
        OpenSshServer.generateKey(otherHost);
        Path knownHosts = Files.writeString(dir.resolve("changed_known_hosts"),
                "[127.0.0.1]:" + server.port() + " " + Files.readString(Path.of(otherHost + ".pub")));
        SshSettings stale = settings().withKnownHostsFiles(List.of(knownHosts));
        assertThatThrownBy(() -> SshShell.open(SshTarget.parse(server.destination()), stale))
                .isInstanceOf(HostCommandException.class)
                .isNotInstanceOf(UnknownHostKeyException.class)
                .hasMessageContaining("has CHANGED")
                .hasMessageContaining(server.hostKeyFingerprint())
                .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + server.port() + "'");
    }

    @Test
    void saysWhichKeysTheServerRefused() throws Exception {
        Path stranger = dir.resolve("stranger_key");
        OpenSshServer.generateKey(stranger);
        SshSettings wrongKey = settings().withIdentities(List.of(stranger));
        assertThatThrownBy(() -> SshShell.open(SshTarget.parse(server.destination()), wrongKey))
                .isInstanceOf(HostCommandException.class)
                .hasMessageContaining("refused the keys offered")
                .hasMessageContaining(stranger.toString())
                .hasMessageContaining("authorized_keys");
    }

    @Test
    void opensAnEncryptedKeyWithThePassphraseAskedForAndSaysSoWhenNobodyCanAsk() throws Exception {
        Path locked = dir.resolve("locked_key");
        OpenSshServer.generateKey(locked, "correct horse");
        server.authorize(Path.of(locked + ".pub"));
        SshSettings noPrompt = settings().withIdentities(List.of(locked));
        assertThatThrownBy(() -> SshShell.open(SshTarget.parse(server.destination()), noPrompt))
                .isInstanceOf(HostCommandException.class)
                .hasMessageContaining(locked + " is encrypted and no passphrase was given")
                .hasMessageContaining("ssh-add");
        SshSettings prompted = noPrompt.withPassphrases(file -> Optional.of("correct horse".toCharArray()));
        try (SshShell shell = SshShell.open(SshTarget.parse(server.destination()), prompted)) {
            assertThat(shell.run(List.of("true"), Duration.ofSeconds(10)).ok()).isTrue();
        }
    }

    @Test
    void logsInWithTheKeysOfAnSshAgent() throws Exception {
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Await.until(Duration.ofSeconds(5), "ssh-agent socket", () -> Files.exists(socket), b -> b);
            ProcessBuilder add = new ProcessBuilder("ssh-add", server.userKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process adding = add.start();
            assertThat(adding.waitFor(10, TimeUnit.SECONDS) && adding.exitValue() == 0).isTrue();
            SshSettings agentOnly = new SshSettings(List.of(server.knownHosts()), List.of(), Optional.of(socket),
                    PassphrasePrompt.NONE, Duration.ofSeconds(10), Duration.ofSeconds(15), Optional.empty());
            try (SshShell shell = SshShell.open(SshTarget.parse(server.destination()), agentOnly)) {
                assertThat(shell.run(List.of("id", "-un"), Duration.ofSeconds(10)).stdout().strip())
                        .isEqualTo(server.user());
            }
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void logsInThroughAHostOfSshConfigWithItsNameUserPortAndKey() throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host standby-east\n    HostName 127.0.0.1\n    Port " + server.port() + "\n"
                + "    User " + server.user() + "\n    IdentityFile " + server.userKey() + "\n");
        SshSettings noKeys = SshSettings.defaults().withKnownHostsFiles(List.of(server.knownHosts()))
                .withIdentities(List.of()).withOpenSshConfig(Optional.of(config));
        try (HostShell shell = HostShells.open(Optional.of("standby-east"), noKeys)) {
            assertThat(shell.describe()).isEqualTo("ssh " + server.user() + "@127.0.0.1:" + server.port());
            assertThat(shell.run(List.of("id", "-un"), Duration.ofSeconds(10)).stdout().strip())
                    .isEqualTo(server.user());
        }
    }

    @Test
    void stopsACommandThatOutlivesItsTimeoutOnTheHostToo() throws Exception {
        try (SshShell shell = open()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> shell.run(List.of("sleep", "31.25"), Duration.ofSeconds(1)))
                    .isInstanceOf(HostCommandException.class)
                    .hasMessageContaining("did not end within 1 s")
                    .hasMessageContaining("was stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(shell.run(List.of("pgrep", "-f", "^sleep 31[.]25"), Duration.ofSeconds(10)).exitCode())
                    .as("the remote sleep is gone").isEqualTo(1);
        }
    }

    @Test
    void saysTheConnectionWasLostWhenSshdDiesMidCommand() throws Exception {
        SshShell shell = open();
        try {
            CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return shell.run(List.of("sleep", "27.75"), Duration.ofSeconds(60));
                } catch (HostCommandException e) {
                    throw new CompletionException(e);
                }
            });
            // The sleep itself, not the login shell that starts it: sshd is killed once the command runs.
            ProcessHandle sleep = Await.until(Duration.ofSeconds(10), "the remote sleep to start",
                    () -> ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/sleep")
                            && p.info().commandLine().orElse("").endsWith("sleep 27.75")).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            try {
                server.dropConnections();
                assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(HostCommandException.class)
                        .cause().hasMessageContaining("connection to ssh " + server.destination() + " was lost")
                        .hasMessageContaining("sleep 27.75");
            } finally {
                sleep.destroy();
            }
        } finally {
            shell.close();
        }
    }

    @Test
    void logsInAsTheSandboxsUnprivilegedUserWhenRunAsRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only CI (root) runs the sandbox as postgres");
        // That sshd runs as postgres and reads its files as postgres: the test directory must be searchable by it.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        try (OpenSshServer asPostgres = OpenSshServer.builder(dir.resolve("sshd-postgres")).runAs("postgres").start();
             SshShell shell = SshShell.open(SshTarget.parse(asPostgres.destination()),
                     SshSettings.defaults().withKnownHostsFiles(List.of(asPostgres.knownHosts()))
                             .withIdentities(List.of(asPostgres.userKey())))) {
            assertThat(shell.run(List.of("id", "-un"), Duration.ofSeconds(10)).stdout().strip()).isEqualTo("postgres");
            Path written = dir.resolve("sshd-postgres/by-postgres.conf");
            shell.writeFile(written.toString(), "x".getBytes(StandardCharsets.UTF_8), 0600);
            assertThat(Files.getOwner(written).getName()).isEqualTo("postgres");
        }
    }
}
