package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaRequest;

import java.util.concurrent.Executor;

/**
 * The "Add a replica…" wizard's state, with no controls: the page, the preview under review, the run's progress lines
 * and the report (all in {@link ReplicaRunModel}); here what adding asks and how its buttons read.
 */
public final class ReplicaWizardModel extends ReplicaRunModel<ReplicaPreview> {

    private final ReplicaActions actions;

    /**
     * @param cluster  the cluster's scope
     * @param readOnly true when the workspace refuses every change (the confirm button stays disabled)
     */
    public ReplicaWizardModel(String cluster, boolean readOnly, ReplicaActions actions, Executor fx) {
        super(cluster, readOnly, fx);
        this.actions = actions;
    }

    /** Measures and plans {@code request}; the preview page shows the checks and commands, or the error says why. */
    public void review(ReplicaRequest request) {
        review(() -> actions.preview(request));
    }

    /** True when the previewed replica may be added: no failed check and a writable workspace. */
    public boolean canAdd() {
        return mayRun();
    }

    /** The confirm button's words: the action and the thing at risk. */
    public String confirmLabel() {
        ReplicaPreview p = previewProperty().get();
        return p == null ? "Add the replica" : "Add " + p.request().name() + " to " + cluster();
    }

    /** Why the confirm button is disabled, or null when it is not. */
    public String whyNot() {
        if (readOnly()) {
            return "This workspace is read-only.";
        }
        ReplicaPreview p = previewProperty().get();
        return p != null && p.refused() ? p.failures().size() + " pre-check(s) failed: " + p.failures().get(0) : null;
    }

    /** Runs the previewed steps; progress lines are appended as they come, then the report page shows the outcome. */
    public void add() {
        run(actions::add);
    }
}
