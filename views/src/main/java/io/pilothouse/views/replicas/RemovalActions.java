package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.RemovalPreview;
import io.pilothouse.services.replicas.ReplicaReport;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What the remove-replica window asks of the services, each answered off the FX thread. */
public interface RemovalActions {

    /**
     * The checks (never the leader, never the last sync/quorum standby) and the steps; nothing changes.
     *
     * @param ssh {@code user@host[:port]} of the member's host, or empty for this machine
     */
    CompletableFuture<RemovalPreview> preview(String member, Optional<String> ssh, boolean deleteData);

    /** Runs the preview's steps; {@code progress} gets each line on any thread. */
    CompletableFuture<ReplicaReport> remove(RemovalPreview preview, Consumer<String> progress);
}
