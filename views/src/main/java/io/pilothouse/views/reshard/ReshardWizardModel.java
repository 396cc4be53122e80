package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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

    private final String cluster;
    private final boolean readOnly;
    private final ReshardChoice choice;
    private final ReshardRunState runState;
    private final ReshardActions actions;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<ReshardPage> page = new ReadOnlyObjectWrapper<>(this, "page",
            ReshardPage.CHOOSE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyObjectWrapper<PlanReview> review = new ReadOnlyObjectWrapper<>(this, "review");
    private final ReadOnlyObjectWrapper<MoveOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Confirming> confirming = new ReadOnlyObjectWrapper<>(this, "confirming");
    private final ObservableList<MoveRecord> unfinished = FXCollections.observableArrayList();
    private final BooleanBinding canPlan;
    private final BooleanBinding canMove;

    /**
     * @param cluster  the coordinator's cluster (scope) whose partitions are offered first
     * @param readOnly true when the workspace refuses every change
     */
    public ReshardWizardModel(String cluster, boolean readOnly, ReshardActions actions, Executor fx) {
        this.cluster = cluster;
        this.readOnly = readOnly;
        this.actions = actions;
        this.fx = fx;
        this.choice = new ReshardChoice(cluster);
        this.runState = new ReshardRunState(fx);
        canPlan = Bindings.createBooleanBinding(() -> !busy.get() && choice.complete(), busy, choice.completeBinding());
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
                error.set("Could not read the move journal: " + Tasks.message(failure));
            }
        }));
        actions.maps().whenComplete((maps, failure) -> fx.execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set("Could not read the shard map: " + Tasks.message(failure) + ". Type the partition and the "
                        + "target server instead.");
                return;
            }
            choice.offer(maps);
            if (choice.options().isEmpty() && error.get() == null) {
                error.set("No partitioned table with partitions was found on " + cluster + "; type the partition "
                        + "and the target server if the map could not see them.");
            }
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
        String database = choice.option(choice.partitionProperty().get()).map(PartitionOption::database)
                .orElse(null);
        String partition = choice.partitionProperty().get().trim();
        String target = choice.targetProperty().get().trim();
        String role = choice.roleProperty().get().trim();
        String name = choice.newNameProperty().get() == null || choice.newNameProperty().get().isBlank() ? null
                : choice.newNameProperty().get().trim();
        (choice.kindProperty().get() == ReshardChoice.Kind.SPLIT ? actions.planSplit(database, partition, target, role, name)
                : actions.plan(database, partition, target, role))
                .whenComplete((r, failure) -> fx.execute(() -> {
                    busy.set(false);
                    if (failure != null) {
                        error.set(Tasks.message(failure));
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
                    () -> actions.move(p, runState::offer, runState::stopAsked));
        } else {
            MoveRecord r = outcome.get().record();
            run("Dropping the kept source of " + r.plan().partition(), false, () -> actions.dropSource(r.id()));
        }
    }

    /** Takes a stopped or unfinished move to the end. */
    public void resume(MoveRecord record) {
        run("Resuming the " + ReshardText.noun(record.plan()) + " of " + record.plan().partition() + " from "
                + record.state(), true,
                () -> actions.resume(record.id(), runState::offer, runState::stopAsked));
    }

    /** Undoes a move that has not cut over. */
    public void rollBack(MoveRecord record) {
        run("Rolling back the " + ReshardText.noun(record.plan()) + " of " + record.plan().partition(), false, () -> actions.rollBack(record.id(),
                runState::offer));
    }

    private void run(String what, boolean canStop, Supplier<CompletableFuture<MoveOutcome>> start) {
        runState.start(what, canStop);
        error.set(null);
        busy.set(true);
        page.set(ReshardPage.PROGRESS);
        start.get().whenComplete((o, failure) -> fx.execute(() -> {
            busy.set(false);
            MoveOutcome done = failure != null ? new MoveOutcome(outcome.get() == null ? null
                    : outcome.get().record(), Tasks.message(failure)) : o;
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

    public String cluster() {
        return cluster;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** The running move: what runs, its latest progress, whether it can (and was asked to) stop. */
    public ReshardRunState runState() {
        return runState;
    }

    /** What to move where: the partition, the target, the role, move or split, the offered options. */
    public ReshardChoice choice() {
        return choice;
    }

    public ReadOnlyObjectProperty<ReshardPage> pageProperty() {
        return page.getReadOnlyProperty();
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

    /** How the last run ended, or null. */
    public ReadOnlyObjectProperty<MoveOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Confirming> confirmingProperty() {
        return confirming.getReadOnlyProperty();
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
