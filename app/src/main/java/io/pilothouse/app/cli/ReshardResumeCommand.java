package io.pilothouse.app.cli;

import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.ReshardService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code pilothouse reshard resume --move ID}: finishes an interrupted move from where it stopped. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Finish an interrupted move from where its journal says it stopped (the copy went on on the "
                + "servers meanwhile). Audited.")
public final class ReshardResumeCommand extends JournaledMoveCommand {

    @Option(names = "--json", description = "Print the final journal record as JSON.")
    boolean json;

    @Override
    MoveRecord act(ReshardService service, MoveRecord record, PrintWriter out) throws Exception {
        return service.resume(record.id(), ReshardText.progress(out, json), () -> false);
    }

    @Override
    boolean json() {
        return json;
    }
}
