package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

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

    @Mixin
    PlanOptions plan;

    @Mixin
    CoordinatorOptions coordinator;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            var service = session.reshard();
            var planned = ReshardRuns.call(() -> service.plan(coordinator.request(session, plan.partition, plan.to)));
            return ReshardRuns.planned(spec.commandLine().getOut(), spec.commandLine().getErr(), service, planned, plan);
        }
    }
}
