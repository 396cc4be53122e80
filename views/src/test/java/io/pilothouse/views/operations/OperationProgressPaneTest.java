package io.pilothouse.views.operations;

import io.pilothouse.styles.Theme;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** Confirmation gates the operation; progress lines arrive live; the outcome is shown in words with its figures. */
@ExtendWith(ApplicationExtension.class)
class OperationProgressPaneTest {

    private Stage stage;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Region(), 560, 460));
        Theme.LIGHT.applyTo(stage.getScene());
        stage.show();
    }

    private OperationProgressPane show(OperationProgressPane pane) {
        onFx(() -> {
            pane.setOnConfirm(started::incrementAndGet);
            pane.setOnCancel(cancelled::incrementAndGet);
            pane.setOnClose(closed::incrementAndGet);
            stage.getScene().setRoot(pane.root());
        });
        return pane;
    }

    private OperationProgressPane pause() {
        return show(onFx(() -> OperationProgressPane.typed("Pause demo", "demo",
                "Maintenance mode: Patroni stops failing over automatically for node1 (leader) and node2 (replica).",
                "Pausing demo \u2026")));
    }

    @Test
    void nothingStartsUntilTheClusterNameIsTyped(FxRobot robot) {
        OperationProgressPane pane = pause();
        assertThat(onFx(() -> pane.confirmButton().isDisabled())).isTrue();
        assertThat(onFx(() -> ((Label) pane.root().lookup("#confirm-impact")).getText()))
                .contains("stops failing over automatically");
        robot.write("dem").type(KeyCode.ENTER);
        assertThat(started).hasValue(0);
        assertThat(onFx(() -> pane.stepProperty().get())).isEqualTo(OperationProgressModel.Step.CONFIRM);

        robot.write("o").type(KeyCode.ENTER);
        assertThat(started).hasValue(1);
        assertThat(onFx(() -> pane.stepProperty().get())).isEqualTo(OperationProgressModel.Step.RUNNING);
        assertThat(onFx(() -> ((Label) pane.root().lookup("#operation-status")).getText()))
                .isEqualTo("Pausing demo \u2026");
    }

    @Test
    void escapeAtTheConfirmationCancelsWithoutStarting(FxRobot robot) {
        pause();
        robot.write("demo").type(KeyCode.ESCAPE);
        assertThat(cancelled).hasValue(1);
        assertThat(started).hasValue(0);
    }

    @Test
    void progressLinesAppearAsTheyArriveAndCancelSaysItContinuesOnTheServer(FxRobot robot) {
        OperationProgressPane pane = pause();
        robot.write("demo").type(KeyCode.ENTER);
        onFx(() -> pane.appendProgress("Pausing demo \u2026"));
        onFx(() -> pane.appendProgress("Patroni answered 200; waiting for the live model \u2026"));
        assertThat(onFx(pane::progressLines)).containsExactly("Pausing demo \u2026",
                "Patroni answered 200; waiting for the live model \u2026");
        assertThat(robot.lookup("#operation-spinner").queryAs(javafx.scene.control.ProgressIndicator.class)
                .isIndeterminate()).isTrue();
        assertThat(onFx(() -> ((Label) pane.root().lookup("#operation-note")).getText()))
                .contains("continues on the server");
        assertThat(onFx(() -> pane.closeButton().getText())).isEqualTo("Cancel");
        robot.type(KeyCode.ESCAPE);
        assertThat(closed).hasValue(1);
    }

    @Test
    void aVerifiedOutcomeIsShownWithItsFigures(FxRobot robot) {
        OperationProgressPane pane = pause();
        robot.write("demo").type(KeyCode.ENTER);
        onFx(() -> pane.appendProgress("Pausing demo \u2026"));
        onFx(() -> pane.appendProgress("Patroni answered 200; waiting for the live model to show the cluster "
                + "paused \u2026 (a long line wraps inside the window)"));
        onFx(() -> pane.showSucceeded("the live model shows demo paused (maintenance mode)",
                List.of("Patroni answered in 0.1 s; outcome seen after 1.2 s", "200 OK {\"pause\": true}")));
        assertThat(onFx(() -> pane.outcomeProperty().get())).isEqualTo(OperationProgressModel.Outcome.SUCCEEDED);
        assertThat(onFx(() -> ((Label) pane.root().lookup("#operation-result")).getText())).contains("paused");
        assertThat(onFx(() -> pane.root().lookup("#operation-figures").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList())).contains(
                "Patroni answered in 0.1 s; outcome seen after 1.2 s");
        assertThat(onFx(() -> pane.root().lookup(".ph-operation-result").getPseudoClassStates()))
                .contains(OperationStyles.SUCCESS).doesNotContain(OperationStyles.DANGER);
        assertThat(onFx(() -> pane.closeButton().getText())).isEqualTo("Close");
        assertThat(onFx(() -> pane.closeButton().isFocused())).isTrue();
        robot.type(KeyCode.ENTER);
        assertThat(closed).hasValue(1);
        onFx(() -> pane.appendProgress("late line"));
        assertThat(onFx(pane::progressLines)).doesNotContain("late line");
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                ScreenshotRenderer.directory().resolve("opsui-progress-succeeded.png")));
        assertThat(png).exists();
    }

    @Test
    void aFailureIsShownInTheDangerToneWithWhatToDo(FxRobot robot) {
        OperationProgressPane pane = pause();
        robot.write("demo").type(KeyCode.ENTER);
        onFx(() -> pane.showFailed("Patroni accepted pause but the live model did not show the cluster paused "
                + "within 30 s; check that the members' Patroni is running"));
        assertThat(onFx(() -> pane.outcomeProperty().get())).isEqualTo(OperationProgressModel.Outcome.FAILED);
        assertThat(onFx(() -> ((Label) pane.root().lookup("#operation-result-title")).getText()))
                .isEqualTo("Failed");
        assertThat(onFx(() -> pane.root().lookup(".ph-operation-result").getPseudoClassStates()))
                .contains(OperationStyles.DANGER);
        assertThat(onFx(() -> pane.root().lookup("#operation-figures").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList())).anyMatch(s -> s.contains("before trying again"));
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                ScreenshotRenderer.directory().resolve("opsui-progress-failed.png")));
        assertThat(png).exists();
    }

    @Test
    void aRefusalSaysNothingWasSent() {
        OperationProgressPane pane = pause();
        onFx(() -> pane.showRefused("pause of demo refused: the workspace is read-only"));
        assertThat(onFx(() -> ((Label) pane.root().lookup("#operation-result-title")).getText()))
                .contains("nothing was sent");
        assertThat(onFx(() -> pane.stepProperty().get())).isEqualTo(OperationProgressModel.Step.DONE);
    }

    @Test
    void reloadNeedsOneClickAndEnterConfirmsEscapeCancels(FxRobot robot) {
        OperationProgressPane pane = show(onFx(() -> OperationProgressPane.oneClick("Reload node2",
                "Patroni on node2 (replica) re-reads its configuration and PostgreSQL reloads; no connection is "
                        + "dropped.", "Reloading node2 \u2026")));
        assertThat(onFx(() -> pane.confirmButton().isFocused())).isTrue();
        robot.type(KeyCode.ESCAPE);
        assertThat(cancelled).hasValue(1);
        robot.type(KeyCode.ENTER);
        assertThat(started).hasValue(1);
        robot.type(KeyCode.ENTER);
        assertThat(started).as("a second Enter does not start it again").hasValue(1);
    }

    @Test
    void anInvalidScheduleKeepsTheRestartConfirmationDisabled(FxRobot robot) {
        RestartOptionsPane options = onFx(RestartOptionsPane::new);
        OperationProgressPane pane = show(onFx(() -> {
            OperationProgressPane p = OperationProgressPane.typed("Restart node2", "demo",
                    "PostgreSQL on node2 (replica) restarts: connections to node2 are dropped.", "Restarting \u2026");
            p.addConfirmationDetails(options.root());
            p.confirmReadyProperty().bind(options.validProperty());
            return p;
        }));
        robot.write("demo");
        assertThat(onFx(() -> pane.confirmButton().isDisabled())).isFalse();
        onFx(() -> options.scheduleField().setText("tomorrow at ten"));
        assertThat(onFx(() -> pane.confirmButton().isDisabled())).isTrue();
        assertThat(robot.lookup("#restart-schedule-error").queryAs(Label.class).getText()).contains("e.g.");
        onFx(() -> options.scheduleField().setText("2030-01-31T22:00+01:00"));
        assertThat(onFx(() -> pane.confirmButton().isDisabled())).isFalse();
        assertThat(onFx(options::schedule)).hasToString("2030-01-31T22:00+01:00");
        robot.clickOn("#restart-pending-only");
        assertThat(onFx(options::pendingOnly)).isTrue();
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                ScreenshotRenderer.directory().resolve("opsui-restart-confirm.png")));
        assertThat(png).exists();
    }
}
