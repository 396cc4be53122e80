package io.pilothouse.services.reshard;

import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.policy.AuditTrail;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Resharding for the window and the command line: plan a move, check it against the guard-rails, run it, resume,
 * roll back or drop the kept source after a restart. Every run goes through the operation guard (read-only refusal,
 * audit record with every statement, the coordinator cluster's operation lock).
 */
public final class ReshardService {

    private final OperationGuard guard;
    private final Supplier<EstateSnapshot> estate;
    private final MovePlanner planner;
    private final SplitPlanner splits;
    private final PartitionMover mover;
    private final MoveJournal journal;
    private final ReshardGuardRails rails;
    private final MovePreChecks preChecks;
    private final OperationRegistry registry;

    public ReshardService(OperationGuard guard, Supplier<EstateSnapshot> estate, MovePlanner planner,
                          SplitPlanner splits, PartitionMover mover, MoveJournal journal, ReshardGuardRails rails) {
        this(guard, estate, planner, splits, mover, journal, rails, null, null);
    }

    /**
     * @param preChecks what the source server and the running operations say against a move (null: the live model's
     *                  guard-rails only)
     * @param registry  where the running move reports its step and what it waits on (null: nowhere)
     */
    public ReshardService(OperationGuard guard, Supplier<EstateSnapshot> estate, MovePlanner planner,
                          SplitPlanner splits, PartitionMover mover, MoveJournal journal, ReshardGuardRails rails,
                          MovePreChecks preChecks, OperationRegistry registry) {
        this.preChecks = preChecks;
        this.registry = registry;
        this.guard = guard;
        this.estate = estate;
        this.planner = planner;
        this.splits = splits;
        this.mover = mover;
        this.journal = journal;
        this.rails = rails;
    }

    /** True when every move will be refused (read-only workspace). */
    public boolean isReadOnly() {
        return guard.isReadOnly();
    }

    /** Plans a move; changes nothing. */
    public MovePlan plan(MoveRequest request) {
        return planner.plan(request);
    }

    /**
     * Plans splitting a hash partition in two, the new half going to {@code request.targetServer()}; changes nothing.
     *
     * @param newName the new partition's name, or null for the default ({@code orders_p3} → {@code orders_p11})
     */
    public MovePlan planSplit(MoveRequest request, String newName) {
        return splits.plan(request, newName);
    }

    /** Why {@code plan} must not run now (empty when it may). */
    public List<String> refusals(MovePlan plan) {
        List<String> reasons = new java.util.ArrayList<>(rails.refusals(plan, estate.get()));
        if (preChecks != null) {
            reasons.addAll(preChecks.refusals(plan));
        }
        return reasons;
    }

    /** Runs a planned move or split to the end; the record keeps the cutover figures and the verification. */
    public MoveRecord move(MovePlan plan, MoveEvents events, BooleanSupplier cancelled) throws Exception {
        String action = plan.split() != null ? "reshard-split" : "reshard-move";
        return guarded(action, plan, events, (trail, audited) -> {
            List<String> refusals = refusals(plan);
            refusals.forEach(r -> trail.check("guard-rail", "fail", r));
            if (!refusals.isEmpty()) {
                throw new MutationRefusedException(request(action, plan), String.join(" ", refusals), null);
            }
            trail.check("guard-rails", "pass", "no cluster involved is paused, leaderless or lagging");
            return mover.run(journal.save(MoveRecord.planned(plan)), audited, cancelled);
        });
    }

    /** Takes an interrupted move to the end from where its journal says it stopped. */
    public MoveRecord resume(String id, MoveEvents events, BooleanSupplier cancelled) throws Exception {
        MoveRecord record = load(id);
        if (record.state().finished()) {
            throw new ReshardException("Move " + id + " is already " + record.state() + "; nothing to resume.");
        }
        return guarded("reshard-resume", record.plan(), events, (trail, audited) -> {
            if (!record.state().pastCutover()) {
                List<String> refusals = refusals(record.plan());
                if (!refusals.isEmpty()) {
                    throw new MutationRefusedException(request("reshard-resume", record.plan()),
                            String.join(" ", refusals), null);
                }
            }
            return mover.run(record, audited, cancelled);
        });
    }

    /** Undoes a move that has not cut over. */
    public MoveRecord rollBack(String id, MoveEvents events) throws Exception {
        MoveRecord record = load(id);
        return guarded("reshard-rollback", record.plan(), events, (trail, audited) -> mover.rollBack(record, audited));
    }

    /** Drops the kept source table of a finished move. */
    public MoveRecord dropSource(String id, MoveEvents events) throws Exception {
        MoveRecord record = load(id);
        return guarded("reshard-drop-source", record.plan(), events, (trail, audited) -> mover.dropSource(record, audited));
    }

    /** Every journaled move, oldest first. */
    public List<MoveRecord> moves() {
        return journal.all();
    }

    /** Moves that a restart must resume or roll back. */
    public List<MoveRecord> unfinished() {
        return journal.unfinished();
    }

    /** The journaled move with this id. */
    public Optional<MoveRecord> find(String id) {
        return journal.load(id);
    }

    private MoveRecord load(String id) {
        return journal.load(id).orElseThrow(() -> new ReshardException("No move " + id + " in the journal "
                + journal.dir() + "; pilothouse reshard list shows the moves."));
    }

    private MoveRecord guarded(String action, MovePlan plan, MoveEvents events, Step step) throws Exception {
        ClusterSnapshot cluster = cluster(plan);
        MutationRequest request = request(action, plan);
        return guard.run(request, cluster, trail -> {
            Optional<OperationRegistry.Registration> running = registry == null ? Optional.empty()
                    : registry.current();
            MoveEvents audited = new MoveEvents() {
                @Override
                public void progress(MoveProgress progress) {
                    running.ifPresent(r -> r.step(progress.step()));
                    events.progress(progress);
                }

                @Override
                public void waiting(MoveState state, String step, String what) {
                    running.ifPresent(r -> r.waiting(what));
                    events.waiting(state, step, what);
                }

                @Override
                public void ran(ReshardNode node, String statement) {
                    trail.response(node.label() + ": " + statement);
                    events.ran(node, statement);
                }
            };
            MoveRecord result = step.run(trail, audited);
            trail.result("state", result.state().name());
            if (result.cutover() != null) {
                trail.result("writeBlockMillis", Long.toString(result.cutover().blockedMillis()));
            }
            if (result.verification() != null) {
                Verification v = result.verification();
                trail.result("verification", (v.matched() ? "matched" : "MISMATCH") + ": source " + v.sourceRows()
                        + " rows, target " + v.targetRows() + " rows");
            }
            return result;
        });
    }

    private static MutationRequest request(String action, MovePlan plan) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("move", plan.id());
        parameters.put("partition", plan.partition().toString());
        parameters.put("from", plan.source().describe());
        parameters.put("to", plan.target().describe());
        parameters.put("asRole", plan.user());
        parameters.put("rowsEstimate", Long.toString(plan.sourceRows()));
        if (plan.split() != null) {
            parameters.put("newPartition", plan.split().newPartition().toString());
            parameters.put("newBounds", plan.split().remainder() + " and " + plan.split().movedRemainder() + " mod "
                    + plan.split().newModulus());
        }
        return new MutationRequest(action, plan.cluster(), plan.partition().toString(), parameters);
    }

    /** The coordinator's cluster now, or an empty stand-in naming it when the live model has lost it. */
    private ClusterSnapshot cluster(MovePlan plan) {
        String[] parts = plan.cluster().split("/", 2);
        return estate.get().cluster(plan.cluster()).orElse(ClusterSnapshot.builder(parts[0],
                parts.length > 1 ? parts[1] : parts[0]).observedAt(Instant.now()).build());
    }

    @FunctionalInterface
    private interface Step {
        MoveRecord run(AuditTrail trail, MoveEvents events) throws Exception;
    }
}
