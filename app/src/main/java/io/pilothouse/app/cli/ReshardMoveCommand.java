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

/** {@code pilothouse reshard move --partition P --to SERVER}: moves one partition to another node. */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Move a partition of a partitioned table on the coordinator to the node behind one of its "
                + "postgres_fdw servers: create the table there, copy and catch up with logical replication, block "
                + "writes briefly, switch the coordinator's partition to the target, verify count and checksum, "
                + "keep the source renamed. Journaled (resume/rollback after a crash), audited, refused in a "
                + "read-only workspace. Asks you to type the partition name unless --yes.")
public final class ReshardMoveCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--partition", required = true, paramLabel = "TABLE",
            description = "The partition to move, e.g. demo.orders_p3.")
    String partition;

    @Option(names = "--to", required = true, paramLabel = "SERVER",
            description = "The coordinator's foreign server for the target node (pilothouse shards lists them).")
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
            MovePlan plan = ReshardRuns.call(() -> service.plan(ReshardRuns.request(session, cluster, database,
                    partition, to, as)));
            return ReshardRuns.planned(out, service, plan, dryRun, yes, json);
        }
    }
}
