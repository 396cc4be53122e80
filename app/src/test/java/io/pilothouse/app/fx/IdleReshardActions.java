package io.pilothouse.app.fx;

import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.reshard.MoveOutcome;
import io.pilothouse.views.reshard.PlanReview;
import io.pilothouse.views.reshard.ReshardActions;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Wizard actions for render tests: no maps, no unfinished moves, and every other action pending forever; a test
 * overrides what its pages need.
 */
class IdleReshardActions implements ReshardActions {

    @Override
    public CompletableFuture<List<ShardMap>> maps() {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<List<MoveRecord>> unfinished() {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<PlanReview> plan(String database, String partition, String target, String role) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<PlanReview> planSplit(String database, String partition, String target, String role,
                                                   String newName) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<MoveOutcome> move(MovePlan plan, Consumer<MoveProgress> progress, BooleanSupplier stop) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<MoveOutcome> resume(String id, Consumer<MoveProgress> progress, BooleanSupplier stop) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<MoveOutcome> rollBack(String id, Consumer<MoveProgress> progress) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<MoveOutcome> dropSource(String id) {
        return new CompletableFuture<>();
    }
}
