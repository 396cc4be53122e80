package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Mixin
    PlanOptions plan;

    @Mixin
    CoordinatorOptions coordinator;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The new partition's name; default: the trailing number replaced by the new remainder "
                    + "(orders_p3 → orders_p11).")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            var service = session.reshard();
            var planned = ReshardRuns.call(() -> service.planSplit(coordinator.request(session, plan.partition,
                    plan.to), name));
            return ReshardRuns.planned(spec.commandLine().getOut(), spec.commandLine().getErr(), service, planned, plan);
        }
    }
}
