package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.ReplicaWiring;
import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.hosts.HostShells;
import io.pilothouse.services.hosts.UnknownHostKeyException;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.ReplicaRequest;
import io.pilothouse.services.replicas.TargetHost;
import io.pilothouse.views.replicas.ReplicaActions;
import io.pilothouse.views.replicas.ReplicaWizard;
import io.pilothouse.views.replicas.ReplicaWizardModel;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The "Add a replica…" wizard in a modal window, doing its work through the session's {@link ReplicaWiring} on the
 * session's I/O executor, never on the FX thread: the shell (this machine or SSH) is opened per call and closed after.
 */
public final class ReplicaWindow implements ReplicaActions {

    private final ReplicaWiring replicas;
    private final LiveSession session;
    private final ClusterSnapshot cluster;
    private final Executor work;

    ReplicaWindow(LiveSession session, ClusterSnapshot cluster, Executor work) {
        this.session = session;
        this.replicas = session.replicas();
        this.cluster = cluster;
        this.work = work;
    }

    /** Opens the wizard on {@code cluster} (FX thread); returns it (tests drive it). */
    public static ReplicaWizard open(Window owner, WindowFactory windows, LiveSession session, ClusterSnapshot cluster) {
        ReplicaWindow actions = new ReplicaWindow(session, cluster, session.ioExecutor());
        ReplicaWizard wizard = new ReplicaWizard(new ReplicaWizardModel(cluster.scope(),
                actions.replicas.readOnly(), actions, FxToolkit.fx()), cluster);
        Stage stage = windows.modal(owner, "Add a replica to " + cluster.scope() + " — Pilothouse", wizard.root(),
                920, 660);
        wizard.setOnClose(stage::close);
        stage.setOnHidden(e -> wizard.dispose());
        stage.show();
        return wizard;
    }

    @Override
    public CompletableFuture<ReplicaPreview> preview(ReplicaRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try (HostShell shell = shell(request)) {
                return replicas.service(cluster).previewAdd(latest(), request, TargetHost.on(shell,
                        request.serverUser()), Optional.empty());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
    }

    @Override
    public CompletableFuture<ReplicaReport> add(ReplicaPreview preview, Consumer<String> progress) {
        return CompletableFuture.supplyAsync(() -> {
            try (HostShell shell = shell(preview.request())) {
                return replicas.service(cluster).add(preview, TargetHost.on(shell, preview.request().serverUser()),
                        progress);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
    }

    /** The cluster as the live model has it now (the menu's snapshot may predate its leader). */
    private ClusterSnapshot latest() {
        return session.feed().latest().cluster(cluster.source(), cluster.scope()).orElse(cluster);
    }

    private HostShell shell(ReplicaRequest request) throws HostCommandException {
        return shell(request.ssh(), replicas);
    }

    /** This machine or {@code ssh}; an unknown host key is refused with its fingerprint and how to trust it. */
    static HostShell shell(Optional<String> ssh, ReplicaWiring replicas) throws HostCommandException {
        try {
            return HostShells.open(ssh, replicas.sshSettings());
        } catch (UnknownHostKeyException unknown) {
            throw new HostCommandException(unknownKey(unknown));
        }
    }

    /** What to say of a host key no known_hosts file lists: the fingerprint and how to trust it, never trusted here. */
    static String unknownKey(UnknownHostKeyException unknown) {
        String host = unknown.target().host();
        int port = unknown.target().port();
        return "The host key of " + host + ":" + port + " is not in your known_hosts: it offers "
                + unknown.fingerprint() + ". Nothing was run. If that is the host's key (compare it on the host with "
                + "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), trust it with: ssh-keyscan -p " + port + " "
                + host + " >> ~/.ssh/known_hosts   (or ssh " + (port == 22 ? "" : "-p " + port + " ")
                + unknown.target().user() + "@" + host + " once and answer yes), then press Review again.";
    }
}
