package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.reshard.MovePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code pilothouse reshard split --partition P --to SERVER}: splits a hash partition, the new half on another node. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Split a hash partition (modulus M, remainder r) in two: r mod 2M stays where it is, r+M mod 2M "
                + "becomes a new partition on the node behind --to. The moving rows are copied with a filtered "
                + "logical replication, compared (count and checksum) during a short write block, then deleted from "
                + "the source as the coordinator switches. Journaled, audited, refused in a read-only workspace.")
public final class ReshardSplitCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--partition", required = true, paramLabel = "TABLE",
            description = "The hash partition to split, e.g. demo.orders_p3.")
    String partition;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The new partition's name; default: the trailing number replaced by the new remainder "
                    + "(orders_p3 → orders_p11).")
    String name;

    @Option(names = "--to", required = true, paramLabel = "SERVER",
            description = "The coordinator's foreign server for the node the new half goes to.")
    String to;

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "The coordinator's cluster (scope or source/scope); default: the only Patroni cluster.")
    String cluster;

    @Option(names = "--database", paramLabel = "DB",
            description = "The coordinator's database; default: the source's database.")
    String database;

    @Option(names = "--as", paramLabel = "ROLE", defaultValue = "postgres",
            description = "Role to connect as on every node (a superuser: subscriptions need one); password from "
                    + "pgpass or the keyring. Default: ${DEFAULT-VALUE}.")
    String as;

    @Option(names = "--dry-run", description = "Print the plan, the guard-rails and every statement; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask to type the partition name.")
    boolean yes;

    @Option(names = "--json", description = "Print the plan (with --dry-run) or the final journal record as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            var service = session.reshard();
            MovePlan plan = ReshardRuns.call(() -> service.planSplit(ReshardRuns.request(session, cluster,
                    database, partition, to, as), name));
            return ReshardRuns.planned(out, service, plan, dryRun, yes, json);
        }
    }
}
