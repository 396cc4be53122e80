package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.reshard.CitusRebalancer;
import io.pilothouse.services.reshard.MoveRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pilothouse reshard citus [--start]}: Citus's rebalance plan, or a rebalance followed to its end. */
@Command(name = "citus", mixinStandardHelpOptions = true,
        description = "Print Citus's rebalance plan (get_rebalance_table_shards_plan), or with --start run "
                + "citus_rebalance_start() and follow get_rebalance_progress() until the job is over. Refuses in "
                + "words when the coordinator has no citus extension.")
public final class ReshardCitusCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "The coordinator's cluster (scope or source/scope); default: the only Patroni cluster.")
    String cluster;

    @Option(names = "--database", paramLabel = "DB", description = "The coordinator's database.")
    String database;

    @Option(names = "--as", paramLabel = "ROLE", defaultValue = "postgres",
            description = "Role to connect as. Default: ${DEFAULT-VALUE}.")
    String as;

    @Option(names = "--start", description = "Start the rebalance (audited) instead of printing the plan.")
    boolean start;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            MoveRequest where = ReshardRuns.request(session, cluster, database, "-", "-", as);
            var service = session.citusRebalance();
            if (!start) {
                List<CitusRebalancer.ShardMove> plan = ReshardRuns.call(() -> service.plan(where.coordinator(), as));
                if (json) {
                    ReshardText.json(out, plan);
                } else if (plan.isEmpty()) {
                    out.println("Citus finds the shards balanced: nothing to move.");
                } else {
                    plan.forEach(m -> out.printf("%s shard %d (%,d bytes): %s:%d -> %s:%d%n", m.table(), m.shardId(),
                            m.shardBytes(), m.sourceHost(), m.sourcePort(), m.targetHost(), m.targetPort()));
                }
                out.flush();
                return 0;
            }
            var snapshot = session.cluster(where.cluster()).orElseThrow(() -> new UserException("cluster "
                    + where.cluster() + " is not in the live model", 2));
            var status = ReshardRuns.call(() -> service.rebalance(snapshot, where.coordinator(), as, moves -> {
                moves.forEach(p -> out.printf("  %s shard %d: %s:%d -> %s:%d %s%n", p.move().table(),
                        p.move().shardId(), p.move().sourceHost(), p.move().sourcePort(), p.move().targetHost(),
                        p.move().targetPort(), p.progress() == 2 ? "done" : p.progress() == 1 ? "moving" : "waiting"));
                out.flush();
            }));
            out.println(status.map(s -> "Rebalance job " + s.jobId() + ": " + s.state()).orElse("No rebalance job."));
            out.flush();
            return status.map(s -> "finished".equals(s.state()) ? 0 : UserErrors.FAILED).orElse(0);
        }
    }
}
