package io.pilothouse.app.cli;

import io.pilothouse.app.json.EstateJson;
import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.EstateSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.pilothouse.services.live.SnapshotGaps;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pilothouse snapshot}: reads every cluster once, prints the model, exits. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Print the live model of every cluster once (a table, or JSON with --json).")
public final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Print the state rebuilt from the history store at this ISO time (UTC) instead of now.")
    String at;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (at != null) {
            return StoredSnapshot.print(at, json, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        try (LiveSession session = LiveSession.prepare(source.workspace(), LiveSettings.ONE_SHOT, Notifier.NONE,
                e -> { }, SessionHistory.Mode.OFF)) {
            session.beginOneShot();
            // Every source's first answer for every member, bounded by --timeout: a silence is waited out, never
            // printed as "unknown" with exit 0.
            List<String> unanswered = session.awaitAnswered(timeout.duration());
            EstateSnapshot estate = session.feed().latest();
            List<String> gaps = new ArrayList<>(unanswered);
            SnapshotGaps.of(estate).stream().filter(g -> !gaps.contains(g)).forEach(gaps::add);
            if (json) {
                // Rules with a grace period ("for 30 s") only show once it has passed; a one-shot read reports
                // what holds already (no leader long enough, slots, archiver, lease).
                com.fasterxml.jackson.databind.node.ObjectNode document = Json.mapper().valueToTree(
                        EstateJson.of(estate, session.alerts().latest(), gaps));
                if (io.pilothouse.services.traffic.TrafficMonitor.watches(source.workspace())) {
                    // The load balancers and poolers, read once now that the clusters have answered.
                    document.set("traffic", Json.mapper().valueToTree(session.traffic().readOnce()));
                }
                spec.commandLine().getOut().println(Json.pretty(document));
            } else {
                spec.commandLine().getOut().print(SnapshotTable.render(estate));
                spec.commandLine().getOut().flush();
            }
            PrintWriter err = spec.commandLine().getErr();
            if (estate.clusters().isEmpty() && !session.sourceProblems().isEmpty()) {
                // A definite failure (a certificate, a login): say it first, in its own words.
                session.sourceProblems().forEach(p -> err.println("pilothouse: " + p));
                return UserErrors.FAILED;
            }
            if (estate.clusters().isEmpty()) {
                err.println("pilothouse: no cluster found within " + timeout.seconds
                        + " s; check the source addresses (etcd endpoint and namespace, or Patroni URLs)");
                gaps.forEach(g -> err.println("  " + g));
                return UserErrors.FAILED;
            }
            if (!gaps.isEmpty()) {
                err.println("pilothouse: partial state (exit " + UserErrors.FAILED + "): what is printed is not all "
                        + "live; waited up to " + timeout.seconds + " s for every member's first answer:");
                gaps.forEach(g -> err.println("  " + g));
                return UserErrors.FAILED;
            }
            java.util.List<String> refusedLogins = ReadFailures.authentication(estate);
            if (!refusedLogins.isEmpty()) {
                // A refused login is not a stopped server, and not a clean read either: say so and exit 1.
                refusedLogins.forEach(e -> spec.commandLine().getErr().println("pilothouse: " + e));
                return UserErrors.FAILED;
            }
            return 0;
        }
    }
}
