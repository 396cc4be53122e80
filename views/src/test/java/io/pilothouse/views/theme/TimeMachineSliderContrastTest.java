package io.pilothouse.views.theme;

import io.pilothouse.styles.Theme;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time machine's slider track stands out from its bar in both themes: its edge has at least the 3:1 contrast
 * WCAG asks of a control's boundary (the dark theme's track was modena's faint gradient, about 1.3:1).
 */
@ExtendWith(ApplicationExtension.class)
class TimeMachineSliderContrastTest {

    private HBox bar;
    private Slider slider;

    @Start
    void start(Stage stage) {
        // Nodes only once the toolkit runs (field initialisers would run before it starts).
        bar = new HBox(8);
        slider = new Slider(0, 100, 40);
        // The bar's style classes as TimeMachineBar sets them (views.timemachine.TimeMachineStyles).
        bar.getStyleClass().add("ph-time-machine");
        slider.getStyleClass().add("ph-time-machine-slider");
        HBox.setHgrow(slider, Priority.ALWAYS);
        bar.getChildren().addAll(new Label("live"), slider);
        Scene scene = new Scene(bar, 900, 60);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theTrackEdgeHasAtLeast3To1ContrastOnTheBarInBothThemes() {
        for (Theme theme : Theme.values()) {
            double[] ratio = onFx(() -> {
                theme.applyTo(bar.getScene());
                bar.applyCss();
                bar.layout();
                Color panel = firstColor(bar);
                Color edge = firstColor((Region) slider.lookup(".track"));
                Color thumb = lastColor((Region) slider.lookup(".thumb"));
                return new double[] {contrast(panel, edge), contrast(panel, thumb)};
            });
            assertThat(ratio[0]).as("track edge on the bar, %s", theme).isGreaterThanOrEqualTo(3.0);
            assertThat(ratio[1]).as("thumb on the bar, %s", theme).isGreaterThanOrEqualTo(3.0);
            Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(bar.getScene()),
                    ScreenshotRenderer.directory().resolve("time-machine-slider-"
                            + theme.name().toLowerCase(java.util.Locale.ROOT) + ".png")));
            assertThat(png).exists();
        }
    }

    private static Color firstColor(Region r) {
        return color(r.getBackground().getFills().get(0).getFill());
    }

    private static Color lastColor(Region r) {
        var fills = r.getBackground().getFills();
        return color(fills.get(fills.size() - 1).getFill());
    }

    private static Color color(Paint p) {
        assertThat(p).as("a plain colour, not a gradient").isInstanceOf(Color.class);
        return (Color) p;
    }

    /** WCAG 2 contrast ratio of two opaque colours. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
