package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The resharding wizard's state, with no controls: the page, the partitions and targets offered, the plan under
 * review, the running move's latest progress, and how it ended. Results arrive on any thread and are applied through
 * {@code fx} (the FX thread in the app); progress is coalesced so a fast mover costs one UI update per batch, not one
 * per event.
 */
public final class ReshardWizardModel {

    /** What the confirmation page is about. */
    public enum Confirming {
        /** Running the planned move. */
        MOVE,
        /** Dropping the kept source table of a finished move. */
        DROP_SOURCE
    }

    /** What the plan does with the partition. */
    public enum Kind {
        /** Move the whole partition to another node. */
        MOVE,
        /** Split a hash partition in two: one half stays, the other becomes a new partition on another node. */
        SPLIT
    }

    /** The role a move connects as unless changed: subscriptions need a superuser, and the CLI defaults to it too. */
    public static final String DEFAULT_ROLE = "postgres";

    private final String cluster;
    private final boolean readOnly;
    private final ReshardActions actions;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<ReshardPage> page = new ReadOnlyObjectWrapper<>(this, "page",
            ReshardPage.CHOOSE);
    private final ObservableList<PartitionOption> options = FXCollections.observableArrayList();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final StringProperty partition = new SimpleStringProperty(this, "partition", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty role = new SimpleStringProperty(this, "role", DEFAULT_ROLE);
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.MOVE);
    private final StringProperty newName = new SimpleStringProperty(this, "newName", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyObjectWrapper<PlanReview> review = new ReadOnlyObjectWrapper<>(this, "review");
    private final ReadOnlyObjectWrapper<MoveProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private final ReadOnlyObjectWrapper<MoveOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Confirming> confirming = new ReadOnlyObjectWrapper<>(this, "confirming");
    private final ReadOnlyBooleanWrapper stoppable = new ReadOnlyBooleanWrapper(this, "stoppable");
    private final ReadOnlyBooleanWrapper stopRequested = new ReadOnlyBooleanWrapper(this, "stopRequested");
    private final ReadOnlyStringWrapper running = new ReadOnlyStringWrapper(this, "running", "");
    private final ObservableList<MoveRecord> unfinished = FXCollections.observableArrayList();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<MoveProgress> pendingProgress = new AtomicReference<>();
    private final AtomicBoolean progressScheduled = new AtomicBoolean();
    private final BooleanBinding canPlan;
    private final BooleanBinding canMove;
    private final StringBinding splitBounds;
    private final StringBinding splitProblem;

    /**
     * @param cluster  the coordinator's cluster (scope) whose partitions are offered first
     * @param readOnly true when the workspace refuses every change
     */
    public ReshardWizardModel(String cluster, boolean readOnly, ReshardActions actions, Executor fx) {
        this.cluster = cluster;
        this.readOnly = readOnly;
        this.actions = actions;
        this.fx = fx;
        partition.subscribe(p -> offerTargets());
        splitBounds = Bindings.createStringBinding(() -> kind.get() != Kind.SPLIT ? ""
                : option(partition.get()).flatMap(o -> o.splitBounds(target.get())).orElse(""),
                kind, partition, target, options);
        splitProblem = Bindings.createStringBinding(() -> kind.get() != Kind.SPLIT ? ""
                : option(partition.get()).filter(o -> o.hash().isEmpty()).map(o -> o.partition() + " is not a hash "
                        + "partition (" + (o.bound() == null ? "bound unknown" : o.bound().display()) + "); only "
                        + "hash partitions split in two.").orElse(""), kind, partition, options);
        canPlan = Bindings.createBooleanBinding(() -> !busy.get() && !partition.get().isBlank()
                && !target.get().isBlank() && !role.get().isBlank() && splitProblem.get().isEmpty(),
                busy, partition, target, role, splitProblem);
        canMove = Bindings.createBooleanBinding(() -> !readOnly && review.get() != null
                && review.get().refusals().isEmpty(), review);
    }

    /** Reads unfinished moves (offered first) and the shard maps. */
    public void start() {
        busy.set(true);
        actions.unfinished().whenComplete((list, failure) -> fx.execute(() -> {
            if (failure == null && !list.isEmpty() && page.get() == ReshardPage.CHOOSE) {
                unfinished.setAll(list);
                page.set(ReshardPage.UNFINISHED);
            } else if (failure != null) {
                error.set("Could not read the move journal: " + message(failure));
            }
        }));
        actions.maps().whenComplete((maps, failure) -> fx.execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set("Could not read the shard map: " + message(failure) + ". Type the partition and the "
                        + "target server instead.");
                return;
            }
            options.setAll(PartitionOption.of(maps, cluster));
            if (options.isEmpty() && error.get() == null) {
                error.set("No partitioned table with partitions was found on " + cluster + "; type the partition "
                        + "and the target server if the map could not see them.");
            }
            offerTargets();
        }));
    }

    /** Leaves the unfinished moves for a new one. */
    public void chooseNew() {
        if (page.get() == ReshardPage.UNFINISHED) {
            error.set(null);
            page.set(ReshardPage.CHOOSE);
        }
    }

    /** Plans the chosen move off the FX thread; the preview shows it, or the error says why not. */
    public void plan() {
        if (!canPlan.get() || page.get() != ReshardPage.CHOOSE) {
            return;
        }
        busy.set(true);
        error.set(null);
        String database = option(partition.get()).map(PartitionOption::database).orElse(null);
        String name = newName.get() == null || newName.get().isBlank() ? null : newName.get().trim();
        (kind.get() == Kind.SPLIT
                ? actions.planSplit(database, partition.get().trim(), target.get().trim(), role.get().trim(), name)
                : actions.plan(database, partition.get().trim(), target.get().trim(), role.get().trim()))
                .whenComplete((r, failure) -> fx.execute(() -> {
                    busy.set(false);
                    if (failure != null) {
                        error.set(message(failure));
                        return;
                    }
                    review.set(r);
                    page.set(ReshardPage.PREVIEW);
                }));
    }

    /** One page back: from the preview to the choice, from a confirmation to where it came from. */
    public void back() {
        switch (page.get()) {
            case PREVIEW -> page.set(ReshardPage.CHOOSE);
            case CONFIRM -> page.set(confirming.get() == Confirming.MOVE ? ReshardPage.PREVIEW : ReshardPage.RESULT);
            default -> { }
        }
    }

    /** Asks to type the partition's name, when the plan may run. */
    public boolean askToMove() {
        if (page.get() != ReshardPage.PREVIEW || !canMove.get()) {
            return false;
        }
        confirming.set(Confirming.MOVE);
        page.set(ReshardPage.CONFIRM);
        return true;
    }

    /** Asks to type the partition's name before dropping the kept source. */
    public boolean askToDropSource() {
        if (page.get() != ReshardPage.RESULT || !canDropSource()) {
            return false;
        }
        confirming.set(Confirming.DROP_SOURCE);
        page.set(ReshardPage.CONFIRM);
        return true;
    }

    /** The confirmed action runs. */
    public void confirm() {
        if (page.get() != ReshardPage.CONFIRM) {
            return;
        }
        if (confirming.get() == Confirming.MOVE) {
            PlanReview r = review.get();
            MovePlan p = r.plan();
            run(p.split() != null ? "Splitting " + p.partition() + ": " + p.split().newPartition() + " goes to "
                    + p.targetServer() : "Moving " + p.partition() + " to " + p.targetServer(), true,
                    () -> actions.move(p, this::offerProgress, stop::get));
        } else {
            MoveRecord r = outcome.get().record();
            run("Dropping the kept source of " + r.plan().partition(), false, () -> actions.dropSource(r.id()));
        }
    }

    /** Takes a stopped or unfinished move to the end. */
    public void resume(MoveRecord record) {
        run("Resuming the " + ReshardText.noun(record.plan()) + " of " + record.plan().partition() + " from "
                + record.state(), true,
                () -> actions.resume(record.id(), this::offerProgress, stop::get));
    }

    /** Undoes a move that has not cut over. */
    public void rollBack(MoveRecord record) {
        run("Rolling back the " + ReshardText.noun(record.plan()) + " of " + record.plan().partition(), false, () -> actions.rollBack(record.id(),
                this::offerProgress));
    }

    /** Stops the running move before its cutover (a cutover under way finishes). */
    public void stopBeforeCutover() {
        stop.set(true);
        stopRequested.set(true);
    }

    private void run(String what, boolean canStop, Supplier<CompletableFuture<MoveOutcome>> start) {
        // The flag is reset before the work starts, so a stop asked for at once is never lost.
        stop.set(false);
        stopRequested.set(false);
        stoppable.set(canStop);
        error.set(null);
        progress.set(null);
        running.set(what);
        busy.set(true);
        page.set(ReshardPage.PROGRESS);
        start.get().whenComplete((o, failure) -> fx.execute(() -> {
            busy.set(false);
            MoveOutcome done = failure != null ? new MoveOutcome(outcome.get() == null ? null
                    : outcome.get().record(), message(failure)) : o;
            if (done.record() == null) {
                // Refused before anything was journaled: back to the plan, with the reason.
                error.set(done.error());
                page.set(review.get() != null ? ReshardPage.PREVIEW : ReshardPage.CHOOSE);
                return;
            }
            unfinished.removeIf(m -> m.id().equals(done.record().id()));
            outcome.set(done);
            page.set(ReshardPage.RESULT);
        }));
    }

    /** Called from the move's thread: keeps only the latest, and applies it on the FX thread once per batch. */
    private void offerProgress(MoveProgress p) {
        pendingProgress.set(p);
        if (progressScheduled.compareAndSet(false, true)) {
            fx.execute(() -> {
                progressScheduled.set(false);
                progress.set(pendingProgress.get());
            });
        }
    }

    private void offerTargets() {
        Optional<PartitionOption> o = option(partition.get());
        List<String> next = o.map(PartitionOption::targets).orElseGet(() -> options.stream()
                .flatMap(p -> p.targets().stream()).distinct().sorted().toList());
        targets.setAll(next);
        if (!next.isEmpty() && (target.get().isBlank() || !next.contains(target.get()))) {
            target.set(o.isPresent() ? next.get(0) : target.get());
        }
    }

    /** The offered partition with this name. */
    public Optional<PartitionOption> option(String name) {
        String n = name == null ? "" : name.trim();
        return options.stream().filter(p -> p.partition().equals(n)).findFirst();
    }

    /** True when the result is a finished move whose source table is still kept (a split keeps none). */
    public boolean canDropSource() {
        MoveOutcome o = outcome.get();
        return !readOnly && o != null && o.record() != null && !o.failed() && o.record().state() == MoveState.DONE
                && o.record().plan().split() == null;
    }

    /** True when the result is a move that stopped and can be taken to the end. */
    public boolean canResume() {
        MoveOutcome o = outcome.get();
        return !readOnly && o != null && o.record() != null && !o.record().state().finished();
    }

    /** True when the result is a move that stopped before its cutover and can be undone. */
    public boolean canRollBack() {
        MoveOutcome o = outcome.get();
        return canResume() && !o.record().state().pastCutover();
    }

    static String message(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public String cluster() {
        return cluster;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public ReadOnlyObjectProperty<ReshardPage> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** Partitions offered, from the shard map. */
    public ObservableList<PartitionOption> options() {
        return options;
    }

    /** Target servers offered for the chosen partition. */
    public ObservableList<String> targets() {
        return targets;
    }

    /** The partition to move, as chosen or typed. */
    public StringProperty partitionProperty() {
        return partition;
    }

    /** The coordinator's foreign server for the target node, as chosen or typed. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The role every step connects as (a superuser, or the owner with REPLICATION and CREATE). */
    public StringProperty roleProperty() {
        return role;
    }

    /** Move the whole partition, or split a hash partition in two. */
    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The split's new partition name as typed; blank for the planner's default. */
    public StringProperty newNameProperty() {
        return newName;
    }

    /**
     * For a split of an offered hash partition, the two bounds it leaves ({@code 3 mod 16 stays on shard2, 11 mod 16
     * goes to shard1}); empty otherwise.
     */
    public StringBinding splitBoundsBinding() {
        return splitBounds;
    }

    /** For a split, why the chosen partition cannot be split (not a hash partition); empty when it can. */
    public StringBinding splitProblemBinding() {
        return splitProblem;
    }

    /** True when a split is chosen and {@code name} is an offered partition that cannot split (not hash). */
    public boolean unsplittable(String name) {
        return kind.get() == Kind.SPLIT && option(name).map(o -> o.hash().isEmpty()).orElse(false);
    }

    /** True while something runs in the background (reading, planning, moving). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last problem in words, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlanReview> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    /** The running move's latest progress, or null before the first report. */
    public ReadOnlyObjectProperty<MoveProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** How the last run ended, or null. */
    public ReadOnlyObjectProperty<MoveOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Confirming> confirmingProperty() {
        return confirming.getReadOnlyProperty();
    }

    /** True while a move or resume runs (a roll-back or a drop cannot be stopped). */
    public ReadOnlyBooleanProperty stoppableProperty() {
        return stoppable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stopRequestedProperty() {
        return stopRequested.getReadOnlyProperty();
    }

    /** What runs now, in words. */
    public ReadOnlyStringProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Moves a previous run left unfinished. */
    public ObservableList<MoveRecord> unfinished() {
        return unfinished;
    }

    /** True when a partition and a target are chosen and nothing runs. */
    public BooleanBinding canPlanBinding() {
        return canPlan;
    }

    /** True when the plan under review may run: not read-only, no guard-rail refusal. */
    public BooleanBinding canMoveBinding() {
        return canMove;
    }
}
