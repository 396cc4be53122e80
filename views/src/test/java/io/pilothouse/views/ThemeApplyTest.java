package io.pilothouse.views;

import io.pilothouse.styles.Theme;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class ThemeApplyTest {

    @Start
    void start(Stage stage) {
        // Toolkit only.
    }

    @Test
    void switchingThemesReplacesOurStylesheetsAndKeepsEveryoneElses() {
        List<String> sheets = onFx(() -> {
            Scene scene = new Scene(new Region(), 100, 100);
            scene.getStylesheets().add("data:text/css,.x{}");
            Theme.LIGHT.applyTo(scene);
            Theme.DARK.applyTo(scene);
            assertThat(Theme.of(scene)).isEqualTo(Theme.DARK);
            return new ArrayList<>(scene.getStylesheets());
        });
        List<String> expected = new ArrayList<>(Theme.DARK.stylesheets());
        expected.add("data:text/css,.x{}");
        assertThat(sheets).isEqualTo(expected);
    }

    @Test
    void wallModeIsAPseudoClassOnTheSceneRoot() {
        boolean on = onFx(() -> {
            Region root = new Region();
            Scene scene = new Scene(root);
            Theme.setWallMode(scene, true);
            return root.getPseudoClassStates().contains(Theme.WALL);
        });
        assertThat(on).isTrue();
    }
}
