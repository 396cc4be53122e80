package io.pilothouse.views.lag;

import io.fair_acc.dataset.DataSet;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.metrics.SyntheticLag;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag chart on a day of synthetic 1 Hz samples for three replicas. */
@ExtendWith(ApplicationExtension.class)
class LagChartViewTest {

    private static final long NOW = 1_795_000_000_000L;
    private static final List<String> REPLICAS = List.of("pg-orders-2", "pg-orders-3", "pg-orders-4");

    private LagChartView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        LagHistory history = dayOfHistory();
        view = new LagChartView(history, "orders-prod", () -> NOW);
        Scene scene = new Scene(view, 1400, 700);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    static LagHistory dayOfHistory() {
        LagHistory h = new LagHistory();
        h.maximumLagOnFailover("orders-prod", 16L * 1024 * 1024);
        SyntheticLag.fill(h, "orders-prod", REPLICAS, NOW, 86_400, 3 * 3_600_000L, 7);
        return h;
    }

    @Test
    void rendersOneSeriesPerReplica() {
        FxTest.waitUntil(() -> view.chart().getAllDatasets().size() == 3
                && view.chart().getAllDatasets().stream().allMatch(d -> d.getDataCount() > 0));

        List<String> names = FxTest.onFx(() -> view.chart().getAllDatasets().stream().map(DataSet::getName).toList());
        assertThat(names).containsExactlyElementsOf(REPLICAS);
    }

    @Test
    void switchingTheRangeChangesTheTimeAxisSpanAndKeepsPointsWithinThePixelWidth(FxRobot robot) {
        FxTest.waitUntil(() -> span() > 0);
        assertThat(span()).isEqualTo(300.0);

        robot.clickOn("24 h");
        FxTest.waitUntil(() -> span() == 86_400.0);
        int width = FxTest.onFx(() -> (int) view.chart().getCanvas().getWidth());
        int points = FxTest.onFx(() -> view.chart().getAllDatasets().get(0).getDataCount());
        assertThat(points).isGreaterThan(width / 2).isLessThanOrEqualTo(2 * width);

        // Keyboard: the range buttons take focus and fire on space.
        ToggleButton oneHour = robot.lookup("1 h").queryAs(ToggleButton.class);
        FxTest.onFx(oneHour::requestFocus);
        robot.type(javafx.scene.input.KeyCode.SPACE);
        FxTest.waitUntil(() -> span() == 3_600.0);
    }

    @Test
    void secondsMetricDropsTheByteThresholdLine() {
        FxTest.waitUntil(() -> span() > 0);
        long withThreshold = FxTest.onFx(() -> view.chart().getPlugins().stream()
                .filter(p -> p instanceof io.fair_acc.chartfx.plugins.YValueIndicator).count());
        FxTest.onFx(() -> view.metricProperty().set(LagMetric.REPLICA_REPLAY_DELAY_SECONDS));
        FxTest.waitUntil(() -> view.chart().getPlugins().stream()
                .noneMatch(p -> p instanceof io.fair_acc.chartfx.plugins.YValueIndicator));
        assertThat(withThreshold).isEqualTo(1);
    }

    @Test
    void rendersScreenshotsInBothThemes() throws Exception {
        for (Theme theme : Theme.values()) {
            for (LagRange r : List.of(LagRange.ONE_DAY, LagRange.FIVE_MINUTES)) {
                Path file = ScreenshotRenderer.directory()
                        .resolve("lag-" + r.name().toLowerCase() + "-" + theme.name().toLowerCase() + ".png");
                FxTest.onFx(() -> {
                    theme.applyTo(stage.getScene());
                    view.rangeProperty().set(r);
                    view.metricProperty().set(LagMetric.REPLAY_BYTES);
                    view.refreshNow();
                });
                WritableImage img = FxTest.onFx(() -> {
                    view.refreshNow();
                    return ScreenshotRenderer.snapshot(stage.getScene());
                });
                FxTest.onFx(() -> ScreenshotRenderer.write(img, file));
                assertThat(Files.size(file)).isGreaterThan(10_000);
            }
        }
    }

    private double span() {
        return FxTest.onFx(() -> view.chart().getXAxis().getMax() - view.chart().getXAxis().getMin());
    }
}
