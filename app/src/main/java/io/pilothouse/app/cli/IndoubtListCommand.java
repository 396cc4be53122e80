package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.live.LiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pilothouse indoubt list}: every prepared branch, grouped into global transactions, with the advice. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List prepared transactions on every primary, grouped by global transaction, with the advice "
                + "(COMMIT, ROLLBACK or DECIDE) and its evidence. Exit 0 when none, 4 when some are open, 1 when a node "
                + "could not be read (it is named under errors).")
public final class IndoubtListCommand implements Callable<Integer> {

    /** Exit status when in-doubt transactions exist (scripts and monitoring). */
    static final int FOUND = 4;

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            InDoubtScan scan = session.inDoubt().scan();
            List<AdvisedTransaction> txs = session.inDoubtAnalysis(scan);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.pretty(IndoubtJson.of(scan, txs)));
            } else {
                out.print(IndoubtText.render(scan, txs));
            }
            out.flush();
            scan.errors().values().forEach(e -> spec.commandLine().getErr().println("pilothouse: " + e));
            // A node that could not be read makes the whole answer uncertain: exit 1 even when branches were found.
            return !scan.errors().isEmpty() ? UserErrors.FAILED : scan.branches().isEmpty() ? 0 : FOUND;
        }
    }
}
