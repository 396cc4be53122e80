package io.pilothouse.app.cli;

import io.pilothouse.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sandbox up --sync}: options that cannot work are refused with exit 2 before anything starts. The quorum
 * refusal asks the machine's real {@code patroni --version} (Debian 12's 3.0.2).
 */
class SandboxSyncOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void quorumOnPatroni3IsRefusedWithTheReasonAndNothingIsCreated(@TempDir Path tmp) {
        Path dir = tmp.resolve("sandbox");
        assertThat(run("sandbox", "up", "--dir", dir.toString(), "--sync", "quorum")).isEqualTo(2);
        assertThat(err.toString()).contains("--sync quorum needs Patroni 4.0 or later")
                .containsIgnoringCase("patroni 3.0.2").contains("use --sync on or --sync strict").doesNotContain("\tat ");
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void unknownModeNamesTheAcceptedWords(@TempDir Path tmp) {
        assertThat(run("sandbox", "up", "--dir", tmp.resolve("s").toString(), "--sync", "always")).isEqualTo(2);
        assertThat(err.toString()).contains("--sync must be on, strict, quorum or off, not 'always'");
    }

    @Test
    void moreSyncStandbysThanReplicasIsRefused(@TempDir Path tmp) {
        assertThat(run("sandbox", "up", "--dir", tmp.resolve("s").toString(), "--sync", "on", "--sync-count", "3"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--sync-count 3 is more than the 2 replica(s)");
    }

    @Test
    void syncCountWithoutSyncAndSyncOnAPlainSandboxAreRefused(@TempDir Path tmp) {
        assertThat(run("sandbox", "up", "--dir", tmp.resolve("a").toString(), "--sync-count", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--sync-count needs --sync");
        assertThat(run("sandbox", "up", "--dir", tmp.resolve("b").toString(), "--plain", "--sync", "on"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("a plain sandbox has none");
    }
}
