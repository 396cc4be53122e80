package io.pilothouse.app.cli;

import io.pilothouse.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A named subcommand gets only its own model, and {@code --version} none, and both read as before: same usage line,
 * same version text, same exit codes.
 */
class CommandLinesTest {

    private static final int SUBCOMMANDS = PilothouseCommand.class.getAnnotation(Command.class).subcommands().length;

    @Test
    void aNamedSubcommandBuildsOnlyItsOwnModel() {
        assertThat(CommandLines.forArgs("snapshot", "--workspace", "w.yaml").getSubcommands().keySet())
                .containsExactly("snapshot");
        assertThat(CommandLines.forArgs("sandbox", "up").getSubcommands().get("sandbox").getSubcommands())
                .containsKey("up");
    }

    @Test
    void versionAloneBuildsNoSubcommandAndPrintsTheSameText() {
        assertThat(CommandLines.forArgs("--version").getSubcommands()).isEmpty();
        StringWriter lean = new StringWriter();
        StringWriter full = new StringWriter();
        assertThat(Main.run(new PrintWriter(lean, true), new PrintWriter(new StringWriter(), true), "--version"))
                .isZero();
        new picocli.CommandLine(new PilothouseCommand()).setOut(new PrintWriter(full, true)).execute("--version");
        assertThat(lean.toString()).isNotBlank().isEqualTo(full.toString());
    }

    @Test
    void helpVersionAndUnknownWordsGetTheFullModel() {
        assertThat(CommandLines.forArgs("--help").getSubcommands()).hasSize(SUBCOMMANDS);
        assertThat(CommandLines.forArgs("--version", "snapshot").getSubcommands()).hasSize(SUBCOMMANDS);
        assertThat(CommandLines.forArgs().getSubcommands()).hasSize(SUBCOMMANDS);
        assertThat(CommandLines.forArgs("snapshto").getSubcommands()).hasSize(SUBCOMMANDS);
    }

    @Test
    void aSubcommandsHelpAndErrorsReadAsUnderTheFullModel() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "sandbox", "status", "--help"))
                .isZero();
        assertThat(out.toString()).contains("Usage: pilothouse sandbox status");
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "snapshot", "--bogus"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--bogus").contains("pilothouse snapshot");
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "snapshto")).isEqualTo(2);
    }
}
