package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.reshard.MoveRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse reshard drop-source --move ID}: drops the renamed source table a finished move kept. */
@Command(name = "drop-source", mixinStandardHelpOptions = true,
        description = "Drop the renamed source table a finished move kept. Asks you to type its name unless --yes. "
                + "Audited.")
public final class ReshardDropSourceCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--move", required = true, paramLabel = "ID", description = "The move's id (reshard list).")
    String move;

    @Option(names = "--yes", description = "Do not ask to type the table's name.")
    boolean yes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            var service = session.reshard();
            MoveRecord r = service.find(move).orElseThrow(() -> new UserException("no move " + move
                    + " in the journal; pilothouse reshard list shows them", 2));
            String kept = r.plan().sourceTable().withName(r.plan().keptName()).toString();
            if (!yes && !ReshardRuns.confirm(out, "Drop " + kept + " for good?", kept)) {
                throw new UserException("not confirmed; nothing was dropped", ClusterOperation.REFUSED);
            }
            MoveRecord dropped = ReshardRuns.call(() -> service.dropSource(move, ReshardText.progress(out, false)));
            return ReshardRuns.report(out, dropped, false);
        }
    }
}
