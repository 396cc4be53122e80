package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.RemovalPreview;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The "Remove a replica…" window's state, with no controls: pick the member, review its checks and steps, run, read
 * the report (the shared flow in {@link ReplicaRunModel}); here what removing asks and how its buttons read.
 */
public final class RemovalWizardModel extends ReplicaRunModel<RemovalPreview> {

    private final RemovalActions actions;

    public RemovalWizardModel(String cluster, boolean readOnly, RemovalActions actions, Executor fx) {
        super(cluster, readOnly, fx);
        this.actions = actions;
    }

    /** Checks and plans removing {@code member}; the preview page shows them, or the error says why not. */
    public void review(String member, Optional<String> ssh, boolean deleteData) {
        if (!mayReview()) {
            return;
        }
        if (member == null || member.isBlank()) {
            refuse("Pick the replica to remove.");
            return;
        }
        review(() -> actions.preview(member.strip(), ssh, deleteData));
    }

    public boolean canRemove() {
        return mayRun();
    }

    /** The confirm button's words: the action, the member and the cluster at risk. */
    public String confirmLabel() {
        RemovalPreview p = previewProperty().get();
        return p == null ? "Remove the replica" : "Remove " + p.member() + " from " + cluster();
    }

    /** Why the confirm button is disabled (every failed check, one a line), or null when it is not. */
    public String whyNot() {
        if (readOnly()) {
            return "This workspace is read-only.";
        }
        RemovalPreview p = previewProperty().get();
        return p != null && p.refused() ? "Refused: " + String.join("\n", p.failures()) : null;
    }

    public void remove() {
        run(actions::remove);
    }
}
