package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.shards.map.ShardMap;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the wizard asks the app to do. Every method returns at once and completes on a background thread; progress
 * arrives on that thread too (the model hands it to the FX thread).
 */
public interface ReshardActions {

    /** The shard maps, to offer partitions and targets. */
    CompletableFuture<List<ShardMap>> maps();

    /** Moves a previous run left unfinished. */
    CompletableFuture<List<MoveRecord>> unfinished();

    /**
     * Plans moving {@code partition} (of the coordinator database {@code database}, null for the cluster's own) to the node behind the coordinator's foreign server {@code targetServer}, every step connecting as
     * {@code role};
     * changes nothing. Fails with a message in words when it cannot be planned.
     */
    CompletableFuture<PlanReview> plan(String database, String partition, String targetServer, String role);

    /**
     * Plans splitting the hash partition {@code partition} in two, the new half ({@code newName}, or the planner's
     * default when null) going to the node behind {@code targetServer}; changes nothing. Fails with a message in
     * words when it cannot be planned (not a hash partition, the name taken…).
     */
    CompletableFuture<PlanReview> planSplit(String database, String partition, String targetServer, String role,
                                            String newName);

    /** Runs a planned move to the end, or until {@code stop} says so before the cutover. */
    CompletableFuture<MoveOutcome> move(MovePlan plan, Consumer<MoveProgress> progress, BooleanSupplier stop);

    /** Takes an interrupted move to the end from where its journal says it stopped. */
    CompletableFuture<MoveOutcome> resume(String id, Consumer<MoveProgress> progress, BooleanSupplier stop);

    /** Undoes a move that has not cut over. */
    CompletableFuture<MoveOutcome> rollBack(String id, Consumer<MoveProgress> progress);

    /** Drops the kept source table of a finished move (a split keeps none). */
    CompletableFuture<MoveOutcome> dropSource(String id);
}
