package io.pilothouse.app.fx;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.ProgressStep;
import io.pilothouse.services.switchover.ReportFormats;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.SwitchoverService;
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
import java.time.Instant;
import java.time.ZoneId;
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
    private Stage stage;

    private LeaderChangeWindow(SwitchoverService service, Executor work) {
        this.service = service;
        this.work = work;
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
        LeaderChangeWindow actions = new LeaderChangeWindow(service, work);
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
