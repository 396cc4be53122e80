package io.pilothouse.views.activity;

import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.model.NodeRef;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the activity window asks the app to do. Futures complete on a background thread. */
public interface ActivityActions {

    /** The nodes there are now (from the live snapshot; cheap). */
    List<NodeRef> nodes();

    /** Reads {@code node}; an unreachable node completes with a failed {@link NodeActivity}, not an exception. */
    CompletableFuture<NodeActivity> read(NodeRef node);

    /**
     * Sends {@code signal} to {@code pid}, started at {@code started} (null: any backend with that pid), connected as
     * {@code asUser} (null: the workspace's role); completes with what was done in words, or fails with the reason.
     */
    CompletableFuture<String> signal(NodeRef node, int pid, BackendSignal signal, Instant started, String asUser);

    /** True when signals will be refused (read-only workspace). */
    boolean readOnly();
}
