package io.pilothouse.app.cli;

import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.ReshardService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code pilothouse reshard rollback --move ID}: undoes a move that has not cut over. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Undo a move that has not cut over: drop its subscription, slot, publication and the target "
                + "table; the source is untouched. Audited.")
public final class ReshardRollbackCommand extends JournaledMoveCommand {

    @Option(names = "--json", description = "Print the final journal record as JSON.")
    boolean json;

    @Override
    MoveRecord act(ReshardService service, MoveRecord record, PrintWriter out) throws Exception {
        return service.rollBack(record.id(), ReshardText.progress(out, json));
    }

    @Override
    boolean json() {
        return json;
    }
}
