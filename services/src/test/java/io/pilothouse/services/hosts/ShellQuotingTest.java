package io.pilothouse.services.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {

    @Test
    void leavesPlainWordsBare() {
        assertThat(ShellQuoting.render(List.of("pg_basebackup", "-D", "/var/lib/pg/15", "--port=5433")))
                .isEqualTo("pg_basebackup -D /var/lib/pg/15 --port=5433");
    }

    @Test
    void quotesWhatAShellWouldInterpret() {
        assertThat(ShellQuoting.quote("a b")).isEqualTo("'a b'");
        assertThat(ShellQuoting.quote("$(rm -rf /)")).isEqualTo("'$(rm -rf /)'");
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
    }

    @Test
    void aShellReadsTheQuotedValuesBackUnchanged() throws Exception {
        List<String> hostile = List.of("a b", "it's", "$(id)", "`id`", "x;y", "\"q\"", "new\nline", "*", "");
        String script = "printf '%s|' " + hostile.stream().map(ShellQuoting::quote)
                .reduce((a, b) -> a + " " + b).orElseThrow();
        CommandResult result = new LocalShell().run(List.of("sh", "-c", script), Duration.ofSeconds(10));
        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).isEqualTo(String.join("|", hostile) + "|");
    }

    @Test
    void refusesNul() {
        assertThatThrownBy(() -> ShellQuoting.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localShellReportsExitCodesAndTimeouts() throws Exception {
        LocalShell shell = new LocalShell();
        CommandResult failed = shell.run(List.of("sh", "-c", "echo oops >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.lastLine()).isEqualTo("oops");
        assertThatThrownBy(() -> shell.run(List.of("sleep", "30"), Duration.ofMillis(300)))
                .isInstanceOf(HostCommandException.class).hasMessageContaining("did not end within");
    }

    @Test
    void localShellWritesFilesWithTheirModeFromTheStart() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("shell-test");
        String path = dir.resolve("sub/secret.conf").toString();
        new LocalShell().writeFile(path, "x".getBytes(), 0600);
        assertThat(java.nio.file.Files.getPosixFilePermissions(java.nio.file.Path.of(path)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalShell.permissionString(0750)).isEqualTo("rwxr-x---");
    }
}
