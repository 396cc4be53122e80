package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header's buttons for the app's estate-wide windows (audit log, in-doubt console, shard map) and their shortcuts: no button
 * until the app can open the window, then the button and the shortcut both open it.
 */
@ExtendWith(ApplicationExtension.class)
class WindowButtonsTest {

    /** One header window: its button, its shortcut key (with Ctrl+Shift), the property the app sets. */
    enum Window {
        AUDIT_LOG("#open-audit-log", KeyCode.A, MainView::openAuditLogProperty, "main-with-audit-button.png"),
        IN_DOUBT("#open-indoubt", KeyCode.D, MainView::openInDoubtProperty, "main-with-indoubt-button.png"),
        SHARD_MAP("#open-shard-map", KeyCode.H, MainView::openShardMapProperty, "main-with-shard-map-button.png");

        final String button;
        final KeyCode key;
        final Function<MainView, ObjectProperty<Runnable>> open;
        final String screenshot;

        Window(String button, KeyCode key, Function<MainView, ObjectProperty<Runnable>> open, String screenshot) {
            this.button = button;
            this.key = key;
            this.open = open;
            this.screenshot = screenshot;
        }
    }

    private final LatestEstate estate = new LatestEstate("Production EU", true);
    private final AtomicInteger opened = new AtomicInteger();
    private MainView view;

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
        FxTest.showLight(stage, view.root(), 1400, 900);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    private Button button(Window w) {
        return onFx(() -> (Button) view.root().lookup(w.button));
    }

    private void shortcut(FxRobot robot, Window w) {
        robot.clickOn(".ph-workspace-tree").press(KeyCode.CONTROL, KeyCode.SHIFT, w.key)
                .release(w.key, KeyCode.SHIFT, KeyCode.CONTROL);
    }

    @ParameterizedTest
    @EnumSource(Window.class)
    void noButtonUntilTheAppCanOpenTheWindow(Window w, FxRobot robot) {
        assertThat(onFx(() -> button(w).isVisible())).isFalse();
        shortcut(robot, w);
        assertThat(opened).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Window.class)
    void theButtonAndTheShortcutOpenTheWindow(Window w, FxRobot robot) {
        // Every window button shown, as in the app, so the screenshot is the real header.
        for (Window other : Window.values()) {
            onFx(() -> other.open.apply(view).set(other == w ? opened::incrementAndGet : () -> { }));
        }
        assertThat(onFx(() -> button(w).isVisible())).isTrue();
        robot.clickOn(w.button);
        assertThat(opened).hasValue(1);
        shortcut(robot, w);
        assertThat(opened).hasValue(2);
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(view.root().getScene()),
                ScreenshotRenderer.directory().resolve(w.screenshot)));
        assertThat(png).exists();
    }
}
