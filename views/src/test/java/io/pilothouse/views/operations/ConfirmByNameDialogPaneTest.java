package io.pilothouse.views.operations;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.atomic.AtomicInteger;

import io.pilothouse.views.FxTest;
import io.pilothouse.views.ScreenshotRenderer;
import java.nio.file.Path;
import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** Typing the cluster's name is the only way to enable the confirm button; Enter and Escape do the obvious. */
@ExtendWith(ApplicationExtension.class)
class ConfirmByNameDialogPaneTest {

    private ConfirmByNameDialogPane pane;
    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();

    @Start
    void start(Stage stage) {
        pane = new ConfirmByNameDialogPane("Switch over demo to node2", "demo",
                "node1 (leader) steps down and node2 is promoted; writes pause for a few seconds and every "
                        + "connection to node1 is dropped.");
        pane.setOnConfirm(confirmed::incrementAndGet);
        pane.setOnCancel(cancelled::incrementAndGet);
        FxTest.showLight(stage, pane, 600, 320);
    }

    private Button confirm() {
        return onFx(() -> pane.confirmButton());
    }

    @Test
    void theConfirmButtonNamesTheActionAndSaysWhatWillBeTouched() {
        assertThat(onFx(() -> confirm().getText())).isEqualTo("Switch over demo to node2");
        assertThat(onFx(() -> ((Label) pane.lookup("#confirm-impact")).getText()))
                .contains("node1 (leader) steps down").contains("connection to node1 is dropped");
        assertThat(onFx(() -> confirm().isDisabled())).isTrue();
    }

    @Test
    void staysDisabledUntilTheNameMatchesExactly(FxRobot robot) {
        robot.clickOn("#confirm-name").write("dem");
        assertThat(onFx(() -> confirm().isDisabled())).isTrue();
        robot.write("o2");
        assertThat(onFx(() -> confirm().isDisabled())).isTrue();
        robot.type(KeyCode.BACK_SPACE);
        assertThat(onFx(() -> confirm().isDisabled())).isFalse();
        onFx(() -> pane.nameField().setText("Demo"));
        assertThat(onFx(() -> confirm().isDisabled())).isTrue();
        onFx(() -> pane.nameField().setText("demo "));
        assertThat(onFx(() -> confirm().isDisabled())).isTrue();
    }

    @Test
    void enterConfirmsOnlyWhenEnabled(FxRobot robot) {
        robot.clickOn("#confirm-name").write("dem").type(KeyCode.ENTER);
        assertThat(confirmed).hasValue(0);
        onFx(() -> confirm().fire());
        assertThat(confirmed).hasValue(0);

        robot.write("o").type(KeyCode.ENTER);
        assertThat(confirmed).hasValue(1);
        assertThat(cancelled).hasValue(0);
    }

    @Test
    void escapeCancels(FxRobot robot) {
        robot.clickOn("#confirm-name").write("demo").type(KeyCode.ESCAPE);
        assertThat(cancelled).hasValue(1);
        assertThat(confirmed).hasValue(0);
    }

    @Test
    void rendersWithTheNameTyped(FxRobot robot) {
        robot.clickOn("#confirm-name").write("demo");
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(pane.getScene()),
                ScreenshotRenderer.directory().resolve("confirm-by-name.png")));
        assertThat(png).exists();
    }
}
