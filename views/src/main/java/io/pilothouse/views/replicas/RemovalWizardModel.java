package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.RemovalPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.Executor;

/**
 * The "Remove a replica…" window's state, with no controls: pick the member, review its checks and steps, run, read
 * the report. Answers are applied through {@code fx} (the FX thread in the app, the current thread in tests).
 */
public final class RemovalWizardModel {

    private final String cluster;
    private final boolean readOnly;
    private final RemovalActions actions;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<ReplicaPage> page = new ReadOnlyObjectWrapper<>(this, "page",
            ReplicaPage.TARGET);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyObjectWrapper<RemovalPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<ReplicaReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<String> progress = FXCollections.observableArrayList();
    private boolean busy;

    public RemovalWizardModel(String cluster, boolean readOnly, RemovalActions actions, Executor fx) {
        this.cluster = cluster;
        this.readOnly = readOnly;
        this.actions = actions;
        this.fx = fx;
    }

    public String cluster() {
        return cluster;
    }

    /** Checks and plans removing {@code member}; the preview page shows them, or the error says why not. */
    public void review(String member, java.util.Optional<String> ssh, boolean deleteData) {
        if (busy || page.get() != ReplicaPage.TARGET) {
            return;
        }
        if (member == null || member.isBlank()) {
            error.set("Pick the replica to remove.");
            return;
        }
        busy = true;
        error.set(null);
        actions.preview(member.strip(), ssh, deleteData).whenComplete((p, failure) -> fx.execute(() -> {
            busy = false;
            if (failure != null) {
                error.set(Tasks.message(failure));
                return;
            }
            preview.set(p);
            page.set(ReplicaPage.PREVIEW);
        }));
    }

    public void back() {
        if (page.get() == ReplicaPage.PREVIEW && !busy) {
            page.set(ReplicaPage.TARGET);
        }
    }

    public boolean canRemove() {
        return !readOnly && page.get() == ReplicaPage.PREVIEW && preview.get() != null && !preview.get().refused();
    }

    /** The confirm button's words: the action, the member and the cluster at risk. */
    public String confirmLabel() {
        RemovalPreview p = preview.get();
        return p == null ? "Remove the replica" : "Remove " + p.member() + " from " + cluster;
    }

    /** Why the confirm button is disabled (every failed check, one a line), or null when it is not. */
    public String whyNot() {
        if (readOnly) {
            return "This workspace is read-only.";
        }
        RemovalPreview p = preview.get();
        return p != null && p.refused() ? "Refused: " + String.join("\n", p.failures()) : null;
    }

    public void remove() {
        if (!canRemove()) {
            return;
        }
        page.set(ReplicaPage.RUNNING);
        busy = true;
        progress.clear();
        actions.remove(preview.get(), line -> fx.execute(() -> progress.add(line)))
                .whenComplete((r, failure) -> fx.execute(() -> {
                    busy = false;
                    RunEnd.apply(r, failure, report::set, error::set);
                    page.set(ReplicaPage.REPORT);
                }));
    }

    public ReadOnlyObjectProperty<ReplicaPage> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RemovalPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReplicaReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<String> progress() {
        return FXCollections.unmodifiableObservableList(progress);
    }
}
