package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.ClientHold;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.ProgressStep;
import io.pilothouse.services.switchover.ReportFormats;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.SwitchoverService;
import io.pilothouse.views.switchover.HoldOffer;
import io.pilothouse.views.switchover.LeaderChangeActions;
import io.pilothouse.views.switchover.LeaderChangeWizard;
import io.pilothouse.views.switchover.LeaderChangeWizardModel;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The switchover / failover wizard in its own window, doing its work through the session's
 * {@link SwitchoverService} on a background executor, never on the FX thread.
 */
public final class LeaderChangeWindow implements LeaderChangeActions {

    private final SwitchoverService service;
    private final Executor work;
    private final PgBouncerHolds holds;
    private Stage stage;

    private LeaderChangeWindow(SwitchoverService service, Executor work, PgBouncerHolds holds) {
        this.service = service;
        this.work = work;
        this.holds = holds;
    }

    /**
     * Opens the wizard on {@code cluster} (FX thread).
     *
     * @param candidate preselected member, or null
     * @return the wizard (tests drive it)
     */
    public static LeaderChangeWizard open(Window owner, SwitchoverService service, Executor work,
                                          ClusterSnapshot cluster, OperationKind kind, String candidate) {
        return open(owner, new WindowFactory(), service, work, cluster, kind, candidate);
    }

    /** As the other {@code open}, its window made by {@code windows}. */
    public static LeaderChangeWizard open(Window owner, WindowFactory windows, SwitchoverService service,
                                          Executor work, ClusterSnapshot cluster, OperationKind kind,
                                          String candidate) {
        return open(owner, windows, service, work, null, cluster, kind, candidate);
    }

    /** The session's wizard: the confirmation offers to hold clients at the source's PgBouncer, if it names one. */
    public static LeaderChangeWizard open(Window owner, WindowFactory windows, LiveSession session,
                                          ClusterSnapshot cluster, OperationKind kind, String candidate) {
        return open(owner, windows, session.switchovers(), session.ioExecutor(), new PgBouncerHolds(session), cluster,
                kind, candidate);
    }

    private static LeaderChangeWizard open(Window owner, WindowFactory windows, SwitchoverService service,
                                           Executor work, PgBouncerHolds holds, ClusterSnapshot cluster,
                                           OperationKind kind, String candidate) {
        LeaderChangeWindow actions = new LeaderChangeWindow(service, work, holds);
        String preselect = candidate != null && candidate.equals(cluster.leader()) ? null : candidate;
        LeaderChangeWizard wizard = new LeaderChangeWizard(new LeaderChangeWizardModel(cluster, kind, preselect,
                actions, FxToolkit.fx(), ZoneId.systemDefault()));
        Stage stage = windows.dialog(owner, (kind == OperationKind.FAILOVER ? "Fail over " : "Switch over ")
                + cluster.scope() + " — Pilothouse", wizard.root(), 1120, 700);
        wizard.setOnClose(stage::close);
        stage.setOnHidden(e -> wizard.dispose());
        actions.stage = stage;
        stage.show();
        return wizard;
    }

    @Override
    public CompletableFuture<CheckMatrix> check(ClusterSnapshot cluster, OperationKind kind, Instant scheduledAt) {
        return CompletableFuture.supplyAsync(() -> service.check(cluster.source(), cluster.scope(), kind,
                scheduledAt), work);
    }

    @Override
    public CompletableFuture<SwitchoverReport> run(SwitchoverRequest request, Consumer<ProgressStep> progress) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return service.run(request, progress);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
    }

    @Override
    public Optional<HoldOffer> holdOffer(ClusterSnapshot cluster) {
        return holds == null ? Optional.empty() : holds.offer(cluster);
    }

    @Override
    public CompletableFuture<SwitchoverReport> run(SwitchoverRequest request, boolean holdClients,
                                                   Consumer<ProgressStep> progress) {
        if (!holdClients) {
            return run(request, progress);
        }
        return CompletableFuture.supplyAsync(() -> {
            Instant start = Instant.now();
            try {
                // Offered from the reading the confirmation showed; asked again here, off the FX thread.
                HoldOffer offer = holdOffer(service.cluster(request.source(), request.scope())).orElseThrow(() ->
                        new IllegalStateException("no PgBouncer database to hold was read for " + request.source()
                                + "; nothing was done (uncheck Hold clients, or wait for the Traffic tab to read it)"));
                ClientHold hold = holds.hold(service.cluster(request.source(), request.scope()), offer,
                        line -> progress.accept(new ProgressStep(Duration.between(start, Instant.now()), line)));
                return service.run(request, progress, hold, false);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
    }

    @Override
    public void save(SwitchoverReport report, boolean json) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the " + report.request().kind().word() + " report");
        chooser.setInitialFileName(report.request().kind().word() + "-" + report.request().scope() + "-"
                + report.startedAt().toString().replace(':', '-') + (json ? ".json" : ".md"));
        File file = chooser.showSaveDialog(stage);
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file.toPath(), json ? ReportFormats.jsonText(ReportFormats.json(report))
                    : ReportFormats.markdown(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, "Could not save the report to " + file + ": "
                    + e.getMessage() + ". Choose another folder; the report stays open here.");
            alert.initOwner(stage);
            alert.show();
        }
    }
}
