package io.pilothouse.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code pilothouse reshard}: move partitions between nodes, and follow, resume or undo moves. */
@Command(name = "reshard", mixinStandardHelpOptions = true,
        description = "Move or split native partitions between nodes online (logical replication, short write block at the "
                + "cutover, verified by count and checksum), and list, resume, roll back or finish moves.",
        subcommands = {ReshardMoveCommand.class, ReshardSplitCommand.class, ReshardCitusCommand.class, ReshardListCommand.class, ReshardResumeCommand.class,
            ReshardRollbackCommand.class, ReshardDropSourceCommand.class})
public final class ReshardCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
