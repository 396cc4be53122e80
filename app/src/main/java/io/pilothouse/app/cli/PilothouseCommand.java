package io.pilothouse.app.cli;

import picocli.CommandLine.Command;

/** The {@code pilothouse} command and its subcommands. */
@Command(name = "pilothouse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Desktop cockpit for PostgreSQL high-availability estates (Patroni, etcd, streaming replication).",
        subcommands = {GuiCommand.class, DemoCommand.class, SandboxCommand.class, SnapshotCommand.class,
            WatchCommand.class, HistoryCommand.class, ScreenshotCommand.class, PauseCommand.class, ResumeCommand.class, RestartCommand.class,
            ReloadCommand.class, ReinitCommand.class, ConfigCommand.class, SwitchoverCommand.class,
            FailoverCommand.class, AuditCommand.class, IndoubtCommand.class, ShardsCommand.class, TrafficCommand.class,
            ReshardCommand.class, ActivityCommand.class, CredentialsCommand.class, ReplicaCommand.class,
            AlertsCommand.class, SshCheckCommand.class, WallCommand.class})
public final class PilothouseCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
