package io.pilothouse.views.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.ProgressStep;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;

import java.time.Instant;
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

    /** Saves the report where the user chooses (a file chooser, then Markdown or JSON). */
    void save(SwitchoverReport report, boolean json);
}
