package io.pilothouse.app.cli;

import io.pilothouse.app.json.EstateJson;
import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.EstateSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            boolean settled = session.awaitSettled(timeout.duration());
            EstateSnapshot estate = session.feed().latest();
            if (json) {
                // Rules with a grace period ("for 30 s") only show once it has passed; a one-shot read reports
                // what holds already (no leader long enough, slots, archiver, lease).
                spec.commandLine().getOut().println(Json.pretty(EstateJson.of(estate, session.alerts().latest())));
            } else {
                spec.commandLine().getOut().print(SnapshotTable.render(estate));
                spec.commandLine().getOut().flush();
            }
            if (estate.clusters().isEmpty()) {
                spec.commandLine().getErr().println("pilothouse: no cluster found within " + timeout.seconds
                        + " s; check the source addresses (etcd endpoint and namespace, or Patroni URLs)");
                return UserErrors.FAILED;
            }
            if (!settled) {
                spec.commandLine().getErr().println("pilothouse: some members did not answer within "
                        + timeout.seconds + " s; their data is marked stale or unknown");
            }
            return 0;
        }
    }
}
