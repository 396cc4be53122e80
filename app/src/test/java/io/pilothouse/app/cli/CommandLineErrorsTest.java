package io.pilothouse.app.cli;

import io.pilothouse.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets one clear line (what happened, what to do) and a non-zero status — never a stack trace. */
class CommandLineErrorsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionNamesTheAppAndTheRuntime() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("pilothouse 0.1.0").contains("Java 17");
    }

    @Test
    void missingWorkspaceFileSaysWhichFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThat(run("snapshot", "--workspace", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("pilothouse: ").contains(missing.toString()).doesNotContain("Exception");
    }

    @Test
    void aPasswordInTheWorkspaceIsRefused(@TempDir Path dir) throws Exception {
        Path ws = dir.resolve("ws.yaml");
        Files.writeString(ws, "name: x\nsources:\n  - name: a\n    patroni: [\"http://127.0.0.1:1\"]\n"
                + "    postgres:\n      user: u\n      password: hunter2\n");
        assertThat(run("snapshot", "--workspace", ws.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("password").doesNotContain("hunter2").doesNotContain("\tat ");
    }

    @Test
    void unreachablePatroniIsAClearFailureNotAHang() {
        long t0 = System.nanoTime();
        assertThat(run("snapshot", "--patroni", "http://127.0.0.1:1", "--timeout", "3")).isEqualTo(1);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(15);
        assertThat(err.toString()).contains("no cluster found").contains("Patroni URLs").doesNotContain("\tat ");
    }

    @Test
    void badSizeIsExplained() {
        assertThat(run("screenshot", "--out", "/tmp/x.png", "--size", "huge", "--patroni", "http://127.0.0.1:1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--size must look like 1600x1000");
    }

    @Test
    void demoWithoutADisplayPointsToXvfbAndScreenshot() {
        assertThatThrownBy(() -> Displays.requireDisplay("demo", "Linux", Map.of()))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("no display")
                .hasMessageContaining("xvfb-run -a ./pilothouse demo")
                .hasMessageContaining("screenshot");
        Displays.requireDisplay("demo", "Linux", Map.of("DISPLAY", ":0"));
        Displays.requireDisplay("demo", "Mac OS X", Map.of());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("snapshot", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }
}
