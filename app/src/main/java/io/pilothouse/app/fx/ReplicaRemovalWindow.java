package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.ReplicaWiring;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.replicas.RemovalPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.TargetHost;
import io.pilothouse.views.replicas.RemovalActions;
import io.pilothouse.views.replicas.RemovalWizard;
import io.pilothouse.views.replicas.RemovalWizardModel;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The "Remove a replica…" window, doing its work through the session's {@link ReplicaWiring} on the session's I/O
 * executor; the run uses the host (this machine or the SSH destination) its preview was made on.
 */
public final class ReplicaRemovalWindow implements RemovalActions {

    private static final String OS_USER = "postgres";
    private static final String REPLICATION_USER = "replicator";

    private final LiveSession session;
    private final ReplicaWiring replicas;
    private final ClusterSnapshot cluster;
    private final Executor work;
    private volatile Optional<String> previewedOn = Optional.empty();

    ReplicaRemovalWindow(LiveSession session, ClusterSnapshot cluster, Executor work) {
        this.session = session;
        this.replicas = session.replicas();
        this.cluster = cluster;
        this.work = work;
    }

    /** Opens the window on {@code cluster} with {@code member} preselected (may be null); returns it (tests). */
    public static RemovalWizard open(Window owner, WindowFactory windows, LiveSession session, ClusterSnapshot cluster,
                                     String member) {
        ReplicaRemovalWindow actions = new ReplicaRemovalWindow(session, cluster, session.ioExecutor());
        RemovalWizard wizard = new RemovalWizard(new RemovalWizardModel(cluster.scope(), actions.replicas.readOnly(),
                actions, FxToolkit.fx()), cluster, member);
        Stage stage = windows.modal(owner, "Remove a replica from " + cluster.scope() + " — Pilothouse",
                wizard.root(), 880, 580);
        wizard.setOnClose(stage::close);
        stage.setOnHidden(e -> wizard.dispose());
        stage.show();
        return wizard;
    }

    @Override
    public CompletableFuture<RemovalPreview> preview(String member, Optional<String> ssh, boolean deleteData) {
        return CompletableFuture.supplyAsync(() -> {
            try (HostShell shell = ReplicaWindow.shell(ssh, replicas)) {
                previewedOn = ssh;
                ClusterSnapshot now = session.feed().latest().cluster(cluster.source(), cluster.scope())
                        .orElse(cluster);
                return replicas.removal(now).preview(now, member, 0, TargetHost.on(shell, OS_USER), deleteData,
                        REPLICATION_USER);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
    }

    @Override
    public CompletableFuture<ReplicaReport> remove(RemovalPreview preview, Consumer<String> progress) {
        return CompletableFuture.supplyAsync(() -> {
            try (HostShell shell = ReplicaWindow.shell(previewedOn, replicas)) {
                return replicas.removal(preview.cluster()).remove(preview, TargetHost.on(shell, OS_USER), progress);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
    }
}
