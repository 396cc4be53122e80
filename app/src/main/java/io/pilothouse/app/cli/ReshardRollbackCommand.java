package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse reshard rollback --move ID}: undoes a move that has not cut over. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Undo a move that has not cut over: drop its subscription, slot, publication and the target "
                + "table; the source is untouched. Audited.")
public final class ReshardRollbackCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--move", required = true, paramLabel = "ID", description = "The move's id (reshard list).")
    String move;

    @Option(names = "--json", description = "Print the final journal record as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            var record = ReshardRuns.call(() -> session.reshard().rollBack(move, ReshardText.progress(out, json)));
            return ReshardRuns.report(out, record, json);
        }
    }
}
