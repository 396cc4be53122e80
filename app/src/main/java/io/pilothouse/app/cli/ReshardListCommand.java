package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.reshard.MoveRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pilothouse reshard list}: the journaled moves; exit 4 while one is unfinished. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the journaled moves with their state; exits 4 while a move is unfinished (resume or "
                + "roll it back).")
public final class ReshardListCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--json", description = "JSON: every journal record.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            List<MoveRecord> moves = session.reshard().moves();
            if (json) {
                ReshardText.json(out, moves);
            } else if (moves.isEmpty()) {
                out.println("No moves in the journal.");
            } else {
                for (MoveRecord r : moves) {
                    out.printf("%-22s %-14s %s%s%n", r.id(), r.state(), r.plan().summary(),
                            r.lastError() == null ? "" : " — last error: " + r.lastError());
                }
            }
            out.flush();
            return moves.stream().anyMatch(r -> !r.state().finished()) ? 4 : 0;
        }
    }
}
