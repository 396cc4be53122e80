package io.pilothouse.views.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.ProgressStep;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What the wizard asks the app to do. Every call returns at once; the work happens off the FX thread. */
public interface LeaderChangeActions {

    /** The pre-check matrix now (a read; allowed in read-only workspaces). */
    CompletableFuture<CheckMatrix> check(ClusterSnapshot cluster, OperationKind kind, Instant scheduledAt);

    /**
     * Runs the operation. {@code progress} is called from any thread as steps happen. Completes with the report,
     * or exceptionally when the operation was refused before it started (read-only, lock held by someone else).
     */
    CompletableFuture<SwitchoverReport> run(SwitchoverRequest request, Consumer<ProgressStep> progress);

    /**
     * The hold at PgBouncer the confirmation may offer for {@code cluster} (its workspace source names a PgBouncer),
     * or empty. Answers at once from what was already read; never waits on the network.
     */
    default Optional<HoldOffer> holdOffer(ClusterSnapshot cluster) {
        return Optional.empty();
    }

    /**
     * As {@link #run(SwitchoverRequest, Consumer)}, with clients held at PgBouncer around the leader change when
     * {@code holdClients} (the same service path as {@code switchover --hold-clients}).
     */
    default CompletableFuture<SwitchoverReport> run(SwitchoverRequest request, boolean holdClients,
                                                    Consumer<ProgressStep> progress) {
        return holdClients ? CompletableFuture.failedFuture(new IllegalStateException("holding clients at "
                + "PgBouncer is not available here; nothing was done")) : run(request, progress);
    }

    /** Saves the report where the user chooses (a file chooser, then Markdown or JSON). */
    void save(SwitchoverReport report, boolean json);
}
