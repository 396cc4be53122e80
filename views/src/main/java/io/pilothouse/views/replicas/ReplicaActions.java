package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.ReplicaRequest;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What the wizard asks of the services, each answered off the FX thread. */
public interface ReplicaActions {

    /** Pre-checks and the planned steps for {@code request}; nothing changes. */
    CompletableFuture<ReplicaPreview> preview(ReplicaRequest request);

    /** Runs the preview's steps; {@code progress} gets each line on any thread. */
    CompletableFuture<ReplicaReport> add(ReplicaPreview preview, Consumer<String> progress);
}
