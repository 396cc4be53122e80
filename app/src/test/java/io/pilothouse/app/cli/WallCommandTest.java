package io.pilothouse.app.cli;

import io.pilothouse.app.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pilothouse wall}'s options: bad ones get one line and exit 2 before any window or source is touched. */
class WallCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aRotationUnderASecondIsRefusedInOneLine() {
        assertThat(run("wall", "--rotate", "0", "--patroni", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--rotate", "'0' is out of range")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownThemeIsRefusedInOneLine() {
        assertThat(run("wall", "--theme", "neon", "--patroni", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown theme 'neon': use light or dark").doesNotContain("\tat ");
    }

    @Test
    void optionsCarryTheRotationAndTheSize() {
        assertThat(WallCommand.options(45, true).rotateEvery()).isEqualTo(Duration.ofSeconds(45));
        assertThat(WallCommand.options(45, true).large()).isTrue();
    }
}
