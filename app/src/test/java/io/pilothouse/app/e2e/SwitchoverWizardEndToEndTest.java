package io.pilothouse.app.e2e;

import io.pilothouse.app.fx.ClusterActions;
import io.pilothouse.app.fx.MainViews;
import io.pilothouse.app.fx.OffscreenRenderer;
import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.switchover.Outcome;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.ClusterAction;
import io.pilothouse.views.main.MainView;
import io.pilothouse.views.switchover.LeaderChangeWizard;
import io.pilothouse.views.switchover.WizardStep;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switchover wizard end to end on a real sandbox: the Operations menu opens it, the matrix lists the replica,
 * Next, the cluster name typed, the button naming the action, progress, and a verification report all green; the
 * audit log has the record. The sandbox has PgBouncer in front ({@code --poolers}), so the confirmation offers to
 * hold clients there, on by default, and the switchover runs with them held (PAUSE, RESUME read back, the report's
 * clients_held line). Screenshots of the matrix and the report go to target/wizard-shots for a person to look
 * at.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("servers")
class SwitchoverWizardEndToEndTest {

    private static final Path SHOTS = Path.of("target", "wizard-shots");
    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveSession session;
    private static String source;
    private MainView view;
    private Stage main;

    @BeforeAll
    static void startSandbox() throws Exception {
        own = OwnSandbox.start("pilothouse-wizard-", s -> s.withMembers(2).withScope("wiz")
                .withHaproxy(true).withPoolers(true));
        sandbox = own.info();
        System.setProperty(AuditLogs.PROPERTY, own.dir().resolve("audit.jsonl").toString());
        source = own.sourceName();
        session = SettledSession.start(own.workspace());
    }

    @AfterAll
    static void stopSandbox() {
        Closing.inOrder(session, own);
        System.clearProperty(AuditLogs.PROPERTY);
    }

    @Start
    void start(Stage stage) {
        main = stage;
        view = MainViews.on(session);
        Scene scene = new Scene(new Region(), 1400, 900);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        view.clusterActionsProperty().set(new ClusterActions(() -> stage, session));
        stage.show();
        view.selectCluster(source, sandbox.scope());
    }

    @Test
    void wizardPicksConfirmsWatchesAndVerifies(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, this::healthy);
        // The hold is offered from what the traffic monitor has read of PgBouncer (every 3 s).
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.traffic().latest().ofSource(source)
                .map(t -> t.pgbouncer() != null && !t.pgbouncer().databases().isEmpty()).orElse(false));
        ClusterSnapshot before = session.feed().latest().cluster(source, sandbox.scope()).orElseThrow();
        String candidate = before.members().stream().map(m -> m.name()).filter(n -> !n.equals(before.leader()))
                .findFirst().orElseThrow();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> view.perform(ClusterAction.SWITCHOVER)).get());
        TableView<?> matrix = robot.lookup("#check-matrix").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !matrix.getItems().isEmpty()));
        Button next = robot.lookup("#wizard-next").queryButton();
        // Read controls on the FX thread only: a binding read from here could see a half-applied change.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !next.isDisabled()));
        assertThat(fx(next::getText)).isEqualTo("Switch over to " + candidate + "…");
        snapshot(matrix.getScene(), "1-matrix.png");

        // Controls are driven on the FX thread: keyboard and mouse handling is tested in views, and here the robot
        // could click a window an earlier test class left on top.
        Scene wizardScene = matrix.getScene();
        fx(() -> {
            next.fire();
            return null;
        });
        // Next reads the pre-checks again before the confirmation page shows (off the FX thread): wait for it.
        // Through the pane itself: its buttons join the scene graph only at the next layout pass.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() ->
                wizardScene.lookup(".ph-confirm-by-name") != null));
        io.pilothouse.views.operations.ConfirmByNameDialogPane pane = fx(() ->
                (io.pilothouse.views.operations.ConfirmByNameDialogPane) wizardScene.lookup(".ph-confirm-by-name"));
        javafx.scene.control.TextInputControl name = fx(pane::nameField);
        fx(() -> {
            name.setText("wrong");
            return null;
        });
        Button confirm = fx(pane::confirmButton);
        assertThat(fx(confirm::isDisabled)).isTrue();
        fx(() -> {
            name.setText(sandbox.scope());
            return null;
        });
        assertThat(fx(confirm::getText)).isEqualTo("Switch over wiz to " + candidate);
        assertThat(fx(confirm::isDisabled)).isFalse();
        javafx.scene.control.CheckBox hold = fx(() -> (javafx.scene.control.CheckBox) wizardScene.lookup("#"
                + io.pilothouse.views.switchover.HoldClientsChoice.ID));
        assertThat(hold).as("Hold clients at PgBouncer offered").isNotNull();
        assertThat(fx(hold::isSelected)).isTrue();
        assertThat(fx(hold::getText)).contains("PgBouncer 127.0.0.1:" + sandbox.pgbouncer().port()).contains("app");
        snapshot(confirm.getScene(), "2-confirm.png");
        fx(() -> {
            confirm.fire();
            return null;
        });

        LeaderChangeWizard wizard = fx(() -> wizard(robot));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> fx(() -> wizard.model().stepProperty().get() == WizardStep.REPORT));
        SwitchoverReport report = fx(() -> wizard.model().reportProperty().get());
        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.COMPLETED);
        assertThat(report.allGreen()).as(report.verification().toString()).isTrue();
        assertThat(report.verification()).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo("clients_held");
            assertThat(i.detail()).contains("RESUME app read back");
        });
        assertThat(fx(() -> List.copyOf(wizard.model().progress()))).anyMatch(l -> l.contains("PAUSE"));
        Label summary = robot.lookup("#report-summary").queryAs(Label.class);
        assertThat(fx(summary::getText)).startsWith("COMPLETED: " + candidate + " is the leader of wiz");
        assertThat(fx(() -> robot.lookup("#report-figures").queryAs(Label.class).getText()))
                .contains("writes unavailable for");
        snapshot(summary.getScene(), "3-report.png");

        assertThat(Files.readString(own.dir().resolve("audit.jsonl"))).contains("\"action\":\"switchover\"")
                .contains("\"outcome\":\"ok\"");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> candidate.equals(
                session.feed().latest().cluster(source, sandbox.scope()).orElseThrow().leader()));
    }

    @org.junit.jupiter.api.AfterEach
    void closeWindows() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private boolean healthy() {
        return session.feed().latest().cluster(source, sandbox.scope()).map(c -> LiveModel.isHealthy(c, 2))
                .orElse(false);
    }

    private static LeaderChangeWizard wizard(FxRobot robot) {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot().getProperties().get(LeaderChangeWizard.class) != null) {
                return (LeaderChangeWizard) w.getScene().getRoot().getProperties().get(LeaderChangeWizard.class);
            }
        }
        throw new AssertionError("no wizard window is open");
    }

    private static void snapshot(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            OffscreenRenderer.snapshot(scene, SHOTS.resolve(name));
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
