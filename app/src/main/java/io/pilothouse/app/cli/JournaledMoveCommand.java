package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.ReshardService;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What {@code reshard resume|rollback|drop-source} share: a journaled move by id, run in a settled session. */
abstract class JournaledMoveCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--move", required = true, paramLabel = "ID", description = "The move's id (reshard list).")
    String move;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            ReshardService service = session.reshard();
            MoveRecord record = service.find(move).orElseThrow(() -> new UserException("no move " + move
                    + " in the journal; pilothouse reshard list shows them", 2));
            MoveRecord after = ReshardRuns.call(() -> act(service, record, out));
            return ReshardRuns.report(out, after, json());
        }
    }

    /** Does what the command is for. */
    abstract MoveRecord act(ReshardService service, MoveRecord record, PrintWriter out) throws Exception;

    /** True to print the final record as JSON. */
    boolean json() {
        return false;
    }
}
