package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The header's "In-doubt" button and Ctrl+Shift+D open the app's in-doubt console; without one there is no button. */
@ExtendWith(ApplicationExtension.class)
class InDoubtButtonTest {

    private final LatestEstate estate = new LatestEstate("Production EU", true);
    private final AtomicInteger opened = new AtomicInteger();
    private MainView view;

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        view = new MainView(estate, SampleEstates.CLOCK);
        Scene scene = new Scene(new Region(), 1400, 900);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    private Button button() {
        return onFx(() -> (Button) view.root().lookup("#open-indoubt"));
    }

    @Test
    void noButtonUntilTheAppCanOpenTheConsole(FxRobot robot) {
        assertThat(onFx(() -> button().isVisible())).isFalse();
        robot.clickOn(".ph-workspace-tree").press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D)
                .release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(opened).hasValue(0);
    }

    @Test
    void theButtonAndTheShortcutOpenTheInDoubtConsole(FxRobot robot) {
        onFx(() -> view.openInDoubtProperty().set(opened::incrementAndGet));
        onFx(() -> view.openAuditLogProperty().set(() -> { }));
        assertThat(onFx(() -> button().isVisible())).isTrue();
        robot.clickOn("#open-indoubt");
        assertThat(opened).hasValue(1);
        robot.clickOn(".ph-workspace-tree").press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D)
                .release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(opened).hasValue(2);
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(view.root().getScene()),
                ScreenshotRenderer.directory().resolve("main-with-indoubt-button.png")));
        assertThat(png).exists();
    }
}
