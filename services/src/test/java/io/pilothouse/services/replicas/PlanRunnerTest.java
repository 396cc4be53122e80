package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostShell;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Undo on failure: every step that ran is undone, newest first, and the report says so. */
class PlanRunnerTest {

    /** A shell that records each command and fails the one named {@code failing}. */
    private static class RecordingShell implements HostShell {
        final List<String> commands = new ArrayList<>();
        final String failing;

        RecordingShell(String failing) {
            this.failing = failing;
        }

        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            commands.add(String.join(" ", argv));
            if (argv.equals(List.of("id", "-u"))) {
                return new CommandResult(0, "1000\n", "");
            }
            return argv.get(0).equals(failing) ? new CommandResult(1, "", "pg_basebackup: error: could not connect")
                    : new CommandResult(0, "", "");
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
            commands.add("write " + path + " " + Integer.toOctalString(mode));
        }

        @Override
        public String describe() {
            return "a recording shell";
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static PlannedStep command(String purpose, String program, PlannedStep undo) {
        PlannedStep step = PlannedStep.of(purpose, new HostAction.Command(List.of(program, "arg"), Duration.ofSeconds(1)));
        return undo == null ? step : step.undoneBy(undo);
    }

    @Test
    void aFailedStepUndoesEveryEarlierStepNewestFirstAndItsOwn() throws Exception {
        RecordingShell shell = new RecordingShell("pg_basebackup");
        TargetHost host = TargetHost.on(shell, "postgres");
        List<String> progress = new ArrayList<>();
        PlanRunner runner = new PlanRunner(host, progress::add);
        String failure = runner.run(List.of(
                PlannedStep.of("write pgpass", new HostAction.WriteFile("/srv/n4.pgpass", 0600, "login", () -> new byte[0]))
                        .undoneBy(command("remove pgpass", "rm", null)),
                command("create slot", "slot-create", command("drop slot", "slot-drop", null)),
                command("copy", "pg_basebackup", command("remove data dir", "rmdir", null)),
                command("start", "pg_ctl", command("stop", "pg_ctl-stop", null))));

        assertThat(failure).isEqualTo("copy failed: exit 1: pg_basebackup: error: could not connect");
        assertThat(shell.commands).containsExactly("id -u", "write /srv/n4.pgpass 600", "slot-create arg",
                "pg_basebackup arg", "rmdir arg", "slot-drop arg", "rm arg");
        assertThat(runner.undone()).containsExactly("undone: remove data dir: rmdir arg", "undone: drop slot: slot-drop arg",
                "undone: remove pgpass: rm arg");
        assertThat(runner.ran()).last().asString().startsWith("FAILED: copy: pg_basebackup arg");
    }

    @Test
    void aStepsOwnUndoStepsRunInTheirOrderAfterThoseOfLaterStepsAndWatchesAreClosedAtTheEnd() throws Exception {
        RecordingShell shell = new RecordingShell("pg_ctl-status");
        TargetHost host = TargetHost.on(shell, "postgres");
        List<String> closed = new ArrayList<>();
        PlannedStep.ProgressWatch watch = new PlannedStep.ProgressWatch() {
            @Override
            public void poll(java.util.function.Consumer<String> progress) {
            }

            @Override
            public void close() {
                closed.add("watch");
            }
        };
        PlanRunner runner = new PlanRunner(host, line -> { });
        String failure = runner.run(List.of(
                command("copy, making the slot", "pg_basebackup", command("remove data dir", "rmdir", null))
                        .undoneBy(command("drop slot", "slot-drop", null)).watchedBy(watch),
                command("start", "pg_ctl", command("stop", "pg_ctl-stop", null)),
                command("verify", "pg_ctl-status", null)));

        assertThat(failure).startsWith("verify failed: exit 1");
        assertThat(runner.undone()).containsExactly("undone: stop: pg_ctl-stop arg", "undone: remove data dir: rmdir arg",
                "undone: drop slot: slot-drop arg");
        assertThat(closed).containsExactly("watch");
    }

    @Test
    void serverCommandsDropToTheServerUserOnlyWhenTheShellIsRoot() throws Exception {
        HostShell root = new RecordingShell("none") {
            @Override
            public CommandResult run(List<String> argv, Duration timeout) {
                return argv.equals(List.of("id", "-u")) ? new CommandResult(0, "0\n", "") : super.run(argv, timeout);
            }
        };
        assertThat(TargetHost.on(root, "postgres").asServer(List.of("pg_ctl", "start")))
                .containsExactly("runuser", "-u", "postgres", "--", "env", "--chdir=/", "pg_ctl", "start");
        assertThat(TargetHost.on(new RecordingShell("none"), "postgres").asServer(List.of("pg_ctl", "start")))
                .containsExactly("pg_ctl", "start");
    }
}
