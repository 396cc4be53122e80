package io.pilothouse.app.cli;

import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.ReshardService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code pilothouse reshard drop-source --move ID}: drops the renamed source table a finished move kept. */
@Command(name = "drop-source", mixinStandardHelpOptions = true,
        description = "Drop the renamed source table a finished move kept. Asks you to type its name unless --yes. "
                + "Audited.")
public final class ReshardDropSourceCommand extends JournaledMoveCommand {

    @Option(names = "--yes", description = "Do not ask to type the table's name.")
    boolean yes;

    @Override
    MoveRecord act(ReshardService service, MoveRecord record, PrintWriter out) throws Exception {
        String kept = record.plan().sourceTable().withName(record.plan().keptName()).toString();
        if (!yes && !ReshardRuns.confirm(out, "Drop " + kept + " for good?", kept)) {
            throw new UserException("not confirmed; nothing was dropped", ClusterOperation.REFUSED);
        }
        return service.dropSource(record.id(), ReshardText.progress(out, false));
    }
}
