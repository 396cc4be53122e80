package io.pilothouse.services.reshard;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Citus rebalancing for the command line and the window: the plan (read-only), and a background rebalance run
 * inside the operation guard (read-only refusal, audit, lock) and followed until Citus says it is over.
 */
public final class CitusRebalanceService {

    private static final Set<String> OVER = Set.of("finished", "failed", "cancelled", "failing", "cancelling");

    private final OperationGuard guard;
    private final ReshardConnections connections;
    private final CitusRebalancer citus = new CitusRebalancer();
    private final Duration poll;

    public CitusRebalanceService(OperationGuard guard, ReshardConnections connections, Duration poll) {
        this.guard = guard;
        this.connections = connections;
        this.poll = poll;
    }

    /** The moves Citus would make; refuses in words when Citus is absent. */
    public List<CitusRebalancer.ShardMove> plan(ReshardNode coordinator, String user) {
        try (Connection c = connections.open(coordinator, user)) {
            return citus.plan(c, coordinator.describe());
        } catch (SQLException e) {
            throw MovePlanner.failure("read the rebalance plan", coordinator, e);
        }
    }

    /** Starts Citus's background rebalance and reports its moves until the job is over; returns its last status. */
    public Optional<CitusRebalancer.JobStatus> rebalance(ClusterSnapshot cluster, ReshardNode coordinator, String user,
                                                         Consumer<List<CitusRebalancer.ShardProgress>> progress)
            throws Exception {
        MutationRequest request = new MutationRequest("citus-rebalance", cluster.source() + "/" + cluster.scope(),
                coordinator.label(), Map.of("coordinator", coordinator.describe(), "asRole", user));
        return guard.run(request, cluster, trail -> {
            try (Connection c = connections.open(coordinator, user)) {
                int moves = citus.plan(c, coordinator.describe()).size();
                trail.check("citus.plan", "pass", moves + " shard move(s) planned");
                citus.start(c, coordinator.describe());
                trail.response(coordinator.label() + ": " + CitusRebalancer.START);
                Instant started = Instant.now();
                Optional<CitusRebalancer.JobStatus> status = citus.status(c, coordinator.describe());
                while (status.isPresent() && !OVER.contains(status.get().state())) {
                    progress.accept(citus.progress(c, coordinator.describe()));
                    Thread.sleep(poll.toMillis());
                    status = citus.status(c, coordinator.describe());
                }
                status.ifPresent(s -> trail.result("job", s.jobId() + " " + s.state()));
                trail.result("seconds", Long.toString(Duration.between(started, Instant.now()).toSeconds()));
                return status;
            }
        });
    }
}
