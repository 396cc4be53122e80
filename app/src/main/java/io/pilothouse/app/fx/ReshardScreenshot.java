package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.ReshardService;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.reshard.MoveOutcome;
import io.pilothouse.views.reshard.PartitionOption;
import io.pilothouse.views.reshard.PlanReview;
import io.pilothouse.views.reshard.ReshardActions;
import io.pilothouse.views.reshard.ReshardWizard;
import io.pilothouse.views.reshard.ReshardChoice;
import io.pilothouse.views.reshard.ReshardWizardModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Renders the resharding wizard offscreen on its preview page: the first partition of the coordinator's map that
 * has somewhere to go, planned to its first target (planning changes nothing). Without one, the choice page with the
 * reason.
 */
public final class ReshardScreenshot {

    private ReshardScreenshot() {
    }

    /** Reads and plans on the calling thread, then renders on the FX thread (started headless if need be). */
    public static void render(LiveSession session, ClusterSnapshot cluster, Theme theme, int width, int height,
                              Path out) throws Exception {
        ReshardService service = session.reshard();
        ReshardWindow live = new ReshardWindow(session, service, cluster.source() + "/" + cluster.scope(),
                Runnable::run);
        List<ShardMap> maps = session.shardMaps().read();
        List<MoveRecord> unfinished = service.unfinished();
        // Foreign partitions first (the usual move); the first that plans is shown, else the first one's error.
        List<PartitionOption> candidates = PartitionOption.of(maps, cluster.scope()).stream()
                .filter(o -> !o.targets().isEmpty())
                .sorted(java.util.Comparator.comparing(o -> o.node().equals(cluster.scope()))).toList();
        Optional<PartitionOption> choice = Optional.empty();
        CompletableFuture<PlanReview> review = new CompletableFuture<>();
        RuntimeException firstError = null;
        for (PartitionOption o : candidates) {
            try {
                review.complete(live.review(o.database(), o.partition(), o.targets().get(0),
                        ReshardChoice.DEFAULT_ROLE));
                choice = Optional.of(o);
                break;
            } catch (RuntimeException e) {
                if (firstError == null) {
                    firstError = e;
                    choice = Optional.of(o);
                }
            }
        }
        if (!review.isDone() && firstError != null) {
            review.completeExceptionally(firstError);
        }
        Optional<PartitionOption> chosen = choice;
        ReshardActions canned = new Canned(maps, unfinished, review);
        OffscreenRenderer.render(() -> {
            ReshardWizardModel model = new ReshardWizardModel(cluster.scope(), service.isReadOnly(), canned,
                    Runnable::run);
            ReshardWizard built = new ReshardWizard(model);
            model.start();
            model.chooseNew();
            chosen.ifPresent(o -> {
                model.choice().partitionProperty().set(o.partition());
                model.choice().targetProperty().set(o.targets().get(0));
                model.plan();
            });
            return built;
        }, ReshardWizard::root, ReshardWizard::dispose, width, height, theme::applyTo, out);
    }

    /** What was read before rendering; a screenshot never runs a move. */
    private record Canned(List<ShardMap> read, List<MoveRecord> moves, CompletableFuture<PlanReview> review)
            implements ReshardActions {

        @Override
        public CompletableFuture<List<ShardMap>> maps() {
            return CompletableFuture.completedFuture(read);
        }

        @Override
        public CompletableFuture<List<MoveRecord>> unfinished() {
            return CompletableFuture.completedFuture(moves);
        }

        @Override
        public CompletableFuture<PlanReview> plan(String database, String partition, String target, String role) {
            return review;
        }

        @Override
        public CompletableFuture<PlanReview> planSplit(String database, String partition, String target, String role,
                                                       String newName) {
            return review;
        }

        @Override
        public CompletableFuture<MoveOutcome> move(MovePlan plan, Consumer<MoveProgress> p, BooleanSupplier stop) {
            return refused();
        }

        @Override
        public CompletableFuture<MoveOutcome> resume(String id, Consumer<MoveProgress> p, BooleanSupplier stop) {
            return refused();
        }

        @Override
        public CompletableFuture<MoveOutcome> rollBack(String id, Consumer<MoveProgress> p) {
            return refused();
        }

        @Override
        public CompletableFuture<MoveOutcome> dropSource(String id) {
            return refused();
        }

        private static CompletableFuture<MoveOutcome> refused() {
            return CompletableFuture.completedFuture(new MoveOutcome(null, "A screenshot changes nothing."));
        }
    }
}
