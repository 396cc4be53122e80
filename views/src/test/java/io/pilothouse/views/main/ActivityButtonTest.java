package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header's "Activity" button and Ctrl+Shift+Y: hidden until the app can open the window, then both open it on
 * the selected cluster (member left to the window: the leader).
 */
@ExtendWith(ApplicationExtension.class)
class ActivityButtonTest {

    private final LatestEstate estate = new LatestEstate("Production EU", true);
    private final List<String> opened = new CopyOnWriteArrayList<>();
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

    private Button button() {
        return onFx(() -> (Button) view.root().lookup("#open-activity"));
    }

    private void shortcut(FxRobot robot) {
        robot.clickOn(".ph-workspace-tree").press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Y)
                .release(KeyCode.Y, KeyCode.SHIFT, KeyCode.CONTROL);
    }

    @Test
    void hiddenUntilTheAppCanOpenTheWindowThenButtonAndShortcutOpenItOnTheSelectedCluster(FxRobot robot) {
        assertThat(onFx(() -> button().isVisible())).isFalse();
        shortcut(robot);
        assertThat(opened).isEmpty();

        onFx(() -> view.openActivityProperty().set((source, scope, member) ->
                opened.add(source + "/" + scope + "/" + member)));
        ClusterKey selected = onFx(() -> view.viewModel().selectedClusterProperty().get());
        String expected = selected == null ? "null/null/null" : selected.source() + "/" + selected.scope() + "/null";

        assertThat(onFx(() -> button().isVisible())).isTrue();
        robot.clickOn("#open-activity");
        shortcut(robot);

        assertThat(opened).containsExactly(expected, expected);
    }
}
