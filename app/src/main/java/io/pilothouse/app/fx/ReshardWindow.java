package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.reshard.MoveEvents;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveRequest;
import io.pilothouse.services.reshard.MovePreview;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.services.reshard.ReshardService;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.reshard.MoveOutcome;
import io.pilothouse.views.reshard.PlanReview;
import io.pilothouse.views.reshard.ReshardActions;
import io.pilothouse.views.reshard.ReshardWizard;
import io.pilothouse.views.reshard.ReshardWizardModel;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The resharding wizard in its own modal window, doing its work through the session's {@link ReshardService} on the
 * session's I/O executor, never on the FX thread. Failures come back as words on the wizard's pages; the journal
 * (read again after a failure) says where a move stopped.
 */
public final class ReshardWindow implements ReshardActions {

    private static final Logger LOG = LoggerFactory.getLogger(ReshardWindow.class);

    private final LiveSession session;
    private final ReshardService service;
    private final String cluster;
    private final Executor work;

    /**
     * @param cluster the coordinator's cluster, {@code source/scope}
     */
    ReshardWindow(LiveSession session, ReshardService service, String cluster, Executor work) {
        this.session = session;
        this.service = service;
        this.cluster = cluster;
        this.work = work;
    }

    /**
     * Opens the wizard on the coordinator cluster {@code source/scope} (FX thread).
     *
     * @return the wizard (tests drive it)
     */
    public static ReshardWizard open(Window owner, LiveSession session, String source, String scope) {
        return open(owner, session, new WindowFactory(), source, scope);
    }

    /** As {@link #open(Window, LiveSession, String, String)}, its window made by {@code windows}. */
    public static ReshardWizard open(Window owner, LiveSession session, WindowFactory windows, String source,
                                     String scope) {
        ReshardService service = session.reshard();
        ReshardWindow actions = new ReshardWindow(session, service, source + "/" + scope, session.ioExecutor());
        ReshardWizard wizard = new ReshardWizard(new ReshardWizardModel(scope, service.isReadOnly(), actions,
                FxToolkit.fx()));
        Stage stage = windows.modal(owner, "Move or split a partition of " + scope + " \u2014 Pilothouse",
                wizard.root(), 1040, 720);
        wizard.setOnClose(stage::close);
        stage.setOnHidden(e -> wizard.dispose());
        stage.show();
        wizard.model().start();
        return wizard;
    }

    @Override
    public CompletableFuture<List<ShardMap>> maps() {
        return CompletableFuture.supplyAsync(() -> session.shardMaps().read(), work);
    }

    @Override
    public CompletableFuture<List<MoveRecord>> unfinished() {
        return CompletableFuture.supplyAsync(service::unfinished, work);
    }

    @Override
    public CompletableFuture<PlanReview> plan(String database, String partition, String targetServer, String role) {
        return CompletableFuture.supplyAsync(() -> review(database, partition, targetServer, role), work);
    }

    @Override
    public CompletableFuture<PlanReview> planSplit(String database, String partition, String targetServer,
                                                   String role, String newName) {
        return CompletableFuture.supplyAsync(() -> {
            MovePlan plan = service.planSplit(session.moveRequest(cluster, database, partition, targetServer, role),
                    newName);
            return new PlanReview(plan, service.refusals(plan), MovePreview.statements(plan));
        }, work);
    }

    /** Plans and checks a move (blocking; off the FX thread). */
    PlanReview review(String database, String partition, String targetServer, String role) {
        MoveRequest request = session.moveRequest(cluster, database, partition, targetServer, role);
        MovePlan plan = service.plan(request);
        return new PlanReview(plan, service.refusals(plan), MovePreview.statements(plan));
    }

    @Override
    public CompletableFuture<MoveOutcome> move(MovePlan plan, Consumer<MoveProgress> progress, BooleanSupplier stop) {
        return outcome(plan.id(), () -> service.move(plan, events(progress), stop));
    }

    @Override
    public CompletableFuture<MoveOutcome> resume(String id, Consumer<MoveProgress> progress, BooleanSupplier stop) {
        return outcome(id, () -> service.resume(id, events(progress), stop));
    }

    @Override
    public CompletableFuture<MoveOutcome> rollBack(String id, Consumer<MoveProgress> progress) {
        return outcome(id, () -> service.rollBack(id, events(progress)));
    }

    @Override
    public CompletableFuture<MoveOutcome> dropSource(String id) {
        return outcome(id, () -> service.dropSource(id, MoveEvents.NONE));
    }

    private CompletableFuture<MoveOutcome> outcome(String id, Callable<MoveRecord> run) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return MoveOutcome.done(run.call());
            } catch (ReadOnlyWorkspaceException e) {
                return new MoveOutcome(service.find(id).orElse(null), e.getMessage()
                        + "; open a workspace that is not read-only to make changes.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            } catch (Exception e) {
                // Refusals and failures alike: the service's message says what happened and what to do; the
                // journal says how far the move got.
                LOG.warn("move {} stopped: {}", id, e.getMessage());
                return new MoveOutcome(service.find(id).orElse(null), e.getMessage() == null ? e.toString()
                        : e.getMessage());
            }
        }, work);
    }

    private static MoveEvents events(Consumer<MoveProgress> progress) {
        return new MoveEvents() {
            @Override
            public void progress(MoveProgress p) {
                progress.accept(p);
            }

            @Override
            public void ran(ReshardNode node, String statement) {
                // The service's audit trail records every statement; the window shows progress only.
            }
        };
    }
}
