package io.pilothouse.views.replicas;

import io.pilothouse.services.replicas.CheckedPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the add and remove wizards share, with no controls: review (ask for a preview), back, run the reviewed steps
 * with their progress lines, and the report, through the pages of {@link ReplicaPage}. Answers arrive on any thread
 * and are applied through {@code fx} (the FX thread in the app, the current thread in tests).
 *
 * @param <P> the preview under review
 */
public abstract class ReplicaRunModel<P extends CheckedPreview> {

    private final String cluster;
    private final boolean readOnly;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<ReplicaPage> page = new ReadOnlyObjectWrapper<>(this, "page",
            ReplicaPage.TARGET);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyObjectWrapper<P> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<ReplicaReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<String> progress = FXCollections.observableArrayList();
    /**
     * One read-only view, kept: the wrapper listens to {@link #progress} weakly, so a new one per call could be
     * collected while a view's content binding still relied on it (the wizard then showed no progress at all).
     */
    private final ObservableList<String> progressView = FXCollections.unmodifiableObservableList(progress);

    /**
     * @param cluster  the cluster's scope
     * @param readOnly true when the workspace refuses every change (the confirm button stays disabled)
     */
    ReplicaRunModel(String cluster, boolean readOnly, Executor fx) {
        this.cluster = cluster;
        this.readOnly = readOnly;
        this.fx = fx;
    }

    /** The cluster's scope. */
    public String cluster() {
        return cluster;
    }

    /** True on the first page with no answer awaited: a review may start. */
    final boolean mayReview() {
        return !busy.get() && page.get() == ReplicaPage.TARGET;
    }

    /** Shows {@code why} without asking anything (bad input on the first page). */
    final void refuse(String why) {
        error.set(why);
    }

    /** Asks for a preview; its answer shows the preview page, or the error says why not. */
    final void review(Supplier<CompletableFuture<P>> ask) {
        if (!mayReview()) {
            return;
        }
        busy.set(true);
        error.set(null);
        ask.get().whenComplete((p, failure) -> fx.execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set(Tasks.message(failure));
                return;
            }
            preview.set(p);
            page.set(ReplicaPage.PREVIEW);
        }));
    }

    /** Back from the preview to the first page. */
    public void back() {
        if (page.get() == ReplicaPage.PREVIEW && !busy.get()) {
            page.set(ReplicaPage.TARGET);
        }
    }

    /** True when the reviewed steps may run: no failed check and a writable workspace. */
    final boolean mayRun() {
        return !readOnly && page.get() == ReplicaPage.PREVIEW && preview.get() != null && !preview.get().refused();
    }

    /** True when the workspace refuses every change. */
    final boolean readOnly() {
        return readOnly;
    }

    /** Runs the reviewed steps; progress lines are appended as they come, then the report page shows the outcome. */
    final void run(BiFunction<P, Consumer<String>, CompletableFuture<ReplicaReport>> steps) {
        if (!mayRun()) {
            return;
        }
        page.set(ReplicaPage.RUNNING);
        busy.set(true);
        progress.clear();
        steps.apply(preview.get(), line -> fx.execute(() -> progress.add(line)))
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

    public ReadOnlyObjectProperty<P> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReplicaReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The run's progress lines, oldest first. */
    public ObservableList<String> progress() {
        return progressView;
    }
}
