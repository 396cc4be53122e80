package io.pilothouse.views.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.replicas.CheckOutcome;
import io.pilothouse.services.replicas.HostAction;
import io.pilothouse.services.replicas.PlannedStep;
import io.pilothouse.services.replicas.PreCheck;
import io.pilothouse.services.replicas.ReplicaFailedException;
import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.ReplicaRequest;
import io.pilothouse.services.replicas.UpstreamMember;
import io.pilothouse.services.testing.Await;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The add-replica window's pages as a user sees them, the services faked and answered on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class ReplicaWizardTest {

    private static final ClusterSnapshot CLUSTER = ClusterSnapshot.builder("src", "demo").leader("node1")
            .members(List.of()).sources(Map.of(SourceKind.ETCD, SourceStatus.unknown(SourceKind.ETCD))).observedAt(Instant.EPOCH).build();
    private static final String YAML = "scope: demo\nname: node4\npostgresql:\n  authentication:\n    replication:\n"
            + "      username: replicator\n      password: (from ~/.pgpass, not written here)";

    private final List<ReplicaRequest> previewed = new ArrayList<>();
    private CheckOutcome hba = CheckOutcome.PASS;
    private Throwable runFailure;
    private CompletableFuture<ReplicaReport> pending;
    private boolean readOnly;
    private Stage stage;
    private ReplicaWizard wizard;
    private boolean closed;

    private final ReplicaActions actions = new ReplicaActions() {
        @Override
        public CompletableFuture<ReplicaPreview> preview(ReplicaRequest request) {
            previewed.add(request);
            return CompletableFuture.completedFuture(new ReplicaPreview(CLUSTER, request, true,
                    new UpstreamMember("node1", "127.0.0.1", 5432), "this machine",
                    List.of(new PreCheck("data directory", CheckOutcome.PASS, request.dataDir() + " is absent"),
                            new PreCheck("pg_hba", hba, "host replication replicator 127.0.0.1/32 "
                                    + (hba == CheckOutcome.PASS ? "matches" : "has no matching line on node1"))),
                    List.of(new PlannedStep("start Patroni", new HostAction.Command(List.of("patroni",
                            request.sideFile("patroni.yml")), Duration.ofSeconds(1)), null, null)), YAML));
        }

        @Override
        public CompletableFuture<ReplicaReport> add(ReplicaPreview preview, Consumer<String> progress) {
            progress.accept("-> start Patroni");
            if (pending != null) {
                progress.accept("base backup: streaming database files 28.3 MiB / 83.5 MiB (34%), ETA 4 s");
                progress.accept("node4: starting, not streaming yet");
                return pending;
            }
            if (runFailure != null) {
                return CompletableFuture.failedFuture(runFailure);
            }
            return CompletableFuture.completedFuture(report(true));
        }
    };

    private static ReplicaReport report(boolean ok) {
        return new ReplicaReport("replica-add", "node4", "this machine", List.of(),
                List.of((ok ? "ok (3.2 s)" : "FAILED (0.4 s)") + ": start Patroni: patroni /srv/pg/node4.patroni.yml"),
                ok ? List.of() : List.of("ok: delete the partial data directory: rm -rf -- /srv/pg/node4"),
                ok ? List.of("node4 streams from node1 since 20:00:01") : List.of(), ok, Duration.ofSeconds(4));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void open(boolean readOnlyWorkspace, Theme theme) {
        onFx(() -> {
            wizard = new ReplicaWizard(new ReplicaWizardModel("demo", readOnlyWorkspace, actions, Runnable::run),
                    CLUSTER);
            wizard.setOnClose(() -> closed = true);
            Scene scene = new Scene(wizard.root(), 900, 620);
            theme.applyTo(scene);
            stage.setScene(scene);
            stage.show();
            stage.toFront();
        });
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    private String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryLabeled().getText());
    }

    private void fill(FxRobot robot) {
        onFx(() -> {
            robot.lookup("#replica-host").queryAs(TextField.class).setText("127.0.0.1");
            robot.lookup("#replica-port").queryAs(TextField.class).setText("5436");
            robot.lookup("#replica-data-dir").queryAs(TextField.class).setText("/srv/pg/node4");
            robot.lookup("#replica-name").queryAs(TextField.class).setText("node4");
            robot.lookup("#replica-tags").queryAs(TextField.class).setText("nofailover, failover_priority=0");
            robot.lookup("#replica-host").queryAs(TextField.class).requestFocus();
        });
    }

    private Path shot(String name) {
        return onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(wizard.root().getScene()),
                ScreenshotRenderer.directory().resolve(name)));
    }

    @Test
    void enterReviewsTheFormAndThePreviewShowsChecksCommandsAndTheConfigUnderANamedConfirm(FxRobot robot) {
        open(false, Theme.LIGHT);
        assertThat(text(robot, "#replica-title")).isEqualTo("Add a replica to demo");
        assertThat(text(robot, "#replica-cluster")).isEqualTo("demo (Patroni, leader node1)");
        fill(robot);
        assertThat(shot("replica-target-light.png")).exists();
        robot.type(KeyCode.ENTER);

        assertThat(previewed).hasSize(1);
        ReplicaRequest r = previewed.get(0);
        assertThat(r.port()).isEqualTo(5436);
        assertThat(r.restPort()).isEqualTo(5436 + 2576);
        assertThat(r.tags()).containsEntry("nofailover", "true").containsEntry("failover_priority", "0");
        assertThat(r.ssh()).isEmpty();
        assertThat(text(robot, "#replica-title")).isEqualTo("Review: add node4 to demo");
        assertThat(onFx(() -> robot.lookup("#replica-checks").queryAs(ListView.class).getItems()))
                .containsExactly("[PASS] data directory: /srv/pg/node4 is absent",
                        "[PASS] pg_hba: host replication replicator 127.0.0.1/32 matches");
        String preview = onFx(() -> robot.lookup("#replica-preview-text").queryAs(TextArea.class).getText());
        assertThat(preview).contains("1. start Patroni: patroni /srv/pg/node4.patroni.yml", "patroni.yml of node4:",
                "  | scope: demo", "password: (from ~/.pgpass, not written here)");
        Button confirm = robot.lookup("#replica-confirm").queryButton();
        assertThat(text(robot, "#replica-confirm")).isEqualTo("Add node4 to demo");
        assertThat(onFx(confirm::isDisabled)).isFalse();
        assertThat(shot("replica-preview-light.png")).exists();

        robot.type(KeyCode.ENTER);
        assertThat(text(robot, "#replica-title")).as("Enter never confirms").isEqualTo("Review: add node4 to demo");
        robot.clickOn(confirm);
        assertThat(text(robot, "#replica-title")).isEqualTo("Added node4 to demo");
        assertThat(onFx(() -> robot.lookup("#replica-report-text").queryAs(TextArea.class).getText()))
                .contains("replica-add node4 on this machine: done in 4.0 s",
                        "ok (3.2 s): start Patroni: patroni /srv/pg/node4.patroni.yml", "node4 streams from node1");
        assertThat(shot("replica-report-light.png")).exists();
        robot.type(KeyCode.ESCAPE);
        assertThat(closed).isTrue();
    }

    @Test
    void aFailedCheckDisablesTheConfirmAndSaysWhyAndEscapeGoesBack(FxRobot robot) {
        hba = CheckOutcome.FAIL;
        open(false, Theme.DARK);
        assertThat(shot("replica-target-dark.png")).exists();
        fill(robot);
        robot.clickOn("#replica-review");
        assertThat(onFx(() -> robot.lookup("#replica-confirm").queryButton().isDisabled())).isTrue();
        assertThat(text(robot, "#replica-why-not")).isEqualTo("1 pre-check(s) failed: [FAIL] pg_hba: host "
                + "replication replicator 127.0.0.1/32 has no matching line on node1");
        assertThat(shot("replica-preview-refused-dark.png")).exists();
        robot.type(KeyCode.ESCAPE);
        assertThat(text(robot, "#replica-title")).isEqualTo("Add a replica to demo");
        assertThat(closed).isFalse();
    }

    @Test
    void aReadOnlyWorkspaceShowsThePreviewButRefusesToRun(FxRobot robot) {
        readOnly = true;
        open(readOnly, Theme.LIGHT);
        fill(robot);
        robot.clickOn("#replica-review");
        assertThat(onFx(() -> robot.lookup("#replica-confirm").queryButton().isDisabled())).isTrue();
        assertThat(text(robot, "#replica-why-not")).isEqualTo("This workspace is read-only.");
    }

    @Test
    void aFailedRunReportsWhatWasUndone(FxRobot robot) {
        runFailure = new ReplicaFailedException("adding node4 failed: start Patroni: exit 1", report(false));
        open(false, Theme.LIGHT);
        fill(robot);
        robot.clickOn("#replica-review");
        robot.clickOn("#replica-confirm");
        assertThat(text(robot, "#replica-title")).isEqualTo("Adding node4 failed");
        assertThat(text(robot, "#replica-error")).isEqualTo("adding node4 failed: start Patroni: exit 1");
        assertThat(onFx(() -> robot.lookup("#replica-report-text").queryAs(TextArea.class).getText()))
                .contains("Undone after the failure:", "ok: delete the partial data directory: rm -rf -- /srv/pg/node4");
        assertThat(shot("replica-report-failed-light.png")).exists();
    }

    @Test
    void aBadPortSaysWhatToChangeAndAsksNothing(FxRobot robot) {
        open(false, Theme.LIGHT);
        fill(robot);
        onFx(() -> robot.lookup("#replica-port").queryAs(TextField.class).setText("54x"));
        robot.clickOn("#replica-review");
        assertThat(previewed).isEmpty();
        assertThat(text(robot, "#replica-form-error")).isEqualTo("Port \"54x\" is not a number; give the new "
                + "replica's PostgreSQL port, e.g. 5433");
        assertThat(onFx(() -> robot.lookup("#replica-form-error").queryAs(Label.class).isVisible())).isTrue();
    }

    @Test
    void theRunningPageShowsTheBaseBackupsProgressAndTheMembersState(FxRobot robot) {
        pending = new CompletableFuture<>();
        open(false, Theme.LIGHT);
        fill(robot);
        robot.clickOn("#replica-review");
        robot.clickOn("#replica-confirm");
        assertThat(text(robot, "#replica-title")).isEqualTo("Adding node4 to demo…");
        // The lines reach the list through the FX executor: wait for them, not for a time.
        Await.until(Duration.ofSeconds(10), "three progress lines", () -> onFx(() -> robot.lookup("#replica-progress")
                .queryAs(ListView.class).getItems().size()), n -> n >= 3);
        assertThat(onFx(() -> robot.lookup("#replica-progress").queryAs(ListView.class).getItems())).containsExactly(
                "-> start Patroni", "base backup: streaming database files 28.3 MiB / 83.5 MiB (34%), ETA 4 s",
                "node4: starting, not streaming yet");
        assertThat(shot("replica-running-light.png")).exists();
        onFx(() -> pending.complete(report(true)));
        assertThat(text(robot, "#replica-title")).isEqualTo("Added node4 to demo");
    }
}
