package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.ReplicaRequest;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.Executor;

/**
 * The "Add a replica…" wizard's state, with no controls: the page, the preview under review, the run's progress lines
 * and the report. Answers arrive on any thread and are applied through {@code fx} (the FX thread in the app, the
 * current thread in tests).
 */
public final class ReplicaWizardModel {

    private final String cluster;
    private final boolean readOnly;
    private final ReplicaActions actions;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<ReplicaPage> page = new ReadOnlyObjectWrapper<>(this, "page",
            ReplicaPage.TARGET);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyObjectWrapper<ReplicaPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<ReplicaReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<String> progress = FXCollections.observableArrayList();

    /**
     * @param cluster  the cluster's scope
     * @param readOnly true when the workspace refuses every change (the confirm button stays disabled)
     */
    public ReplicaWizardModel(String cluster, boolean readOnly, ReplicaActions actions, Executor fx) {
        this.cluster = cluster;
        this.readOnly = readOnly;
        this.actions = actions;
        this.fx = fx;
    }

    /** The cluster's scope. */
    public String cluster() {
        return cluster;
    }

    /** Measures and plans {@code request}; the preview page shows the checks and commands, or the error says why. */
    public void review(ReplicaRequest request) {
        if (busy.get() || page.get() != ReplicaPage.TARGET) {
            return;
        }
        busy.set(true);
        error.set(null);
        actions.preview(request).whenComplete((p, failure) -> fx.execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set(Tasks.message(failure));
                return;
            }
            preview.set(p);
            page.set(ReplicaPage.PREVIEW);
        }));
    }

    /** Back from the preview to the target page. */
    public void back() {
        if (page.get() == ReplicaPage.PREVIEW && !busy.get()) {
            page.set(ReplicaPage.TARGET);
        }
    }

    /** True when the previewed replica may be added: no failed check and a writable workspace. */
    public boolean canAdd() {
        return !readOnly && page.get() == ReplicaPage.PREVIEW && preview.get() != null && !preview.get().refused();
    }

    /** The confirm button's words: the action and the thing at risk. */
    public String confirmLabel() {
        ReplicaPreview p = preview.get();
        return p == null ? "Add the replica" : "Add " + p.request().name() + " to " + cluster;
    }

    /** Why the confirm button is disabled, or null when it is not. */
    public String whyNot() {
        if (readOnly) {
            return "This workspace is read-only.";
        }
        ReplicaPreview p = preview.get();
        return p != null && p.refused() ? p.failures().size() + " pre-check(s) failed: " + p.failures().get(0) : null;
    }

    /** Runs the previewed steps; progress lines are appended as they come, then the report page shows the outcome. */
    public void add() {
        if (!canAdd()) {
            return;
        }
        page.set(ReplicaPage.RUNNING);
        busy.set(true);
        progress.clear();
        actions.add(preview.get(), line -> fx.execute(() -> progress.add(line)))
                .whenComplete((r, failure) -> fx.execute(() -> {
                    busy.set(false);
                    RunEnd.apply(r, failure, report::set, error::set);
                    page.set(ReplicaPage.REPORT);
                }));
    }

    public ReadOnlyObjectProperty<ReplicaPage> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReplicaPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReplicaReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The run's progress lines, oldest first. */
    public ObservableList<String> progress() {
        return FXCollections.unmodifiableObservableList(progress);
    }
}
