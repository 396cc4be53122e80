package io.pilothouse.views.slots;

import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.SampleHistory;
import io.pilothouse.views.ScreenshotRenderer;
import io.pilothouse.views.history.HistoryView;
import io.pilothouse.views.history.HistoryViewModel;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders the slots and history views offscreen in both themes with realistic data, for people to look at. */
@ExtendWith(ApplicationExtension.class)
class SlotsHistoryScreenshotsTest {

    @Start
    void start(Stage stage) {
        // Toolkit only: each shot builds its own scene.
    }

    @Test
    void rendersSlotsAndHistoryInBothThemes() throws Exception {
        for (Theme theme : Theme.values()) {
            String t = theme.name().toLowerCase();
            assertRendered(theme, shot(theme, 1400, 820, "slots-" + t, () -> {
                SlotsViewModel vm = new SlotsViewModel(ZoneId.of("UTC"));
                SlotsView view = new SlotsView(vm);
                vm.setData(List.of(SampleHistory.ordersLeader(), SampleHistory.ordersReplica(),
                        SampleHistory.ordersReplicaNoSlots()), "pg-orders-1", SampleEstates.NOW);
                return view.root();
            }));
            assertRendered(theme, shot(theme, 1100, 700, "history-" + t, () -> {
                HistoryViewModel vm = new HistoryViewModel(ZoneId.of("UTC"));
                HistoryView view = new HistoryView(vm);
                vm.setData("orders-prod", SampleHistory.ordersHistory());
                return view.root();
            }));
        }
    }

    private static Path shot(Theme theme, double w, double h, String name, Supplier<Parent> root) throws Exception {
        Path file = ScreenshotRenderer.directory().resolve(name + ".png");
        WaitForAsyncUtils.asyncFx(() -> {
            Scene scene = new Scene(new Region(), w, h);
            theme.applyTo(scene);
            scene.setRoot(root.get());
            WritableImage image = ScreenshotRenderer.snapshot(scene);
            ScreenshotRenderer.write(image, file);
            return null;
        }).get(30, TimeUnit.SECONDS);
        return file;
    }

    private static void assertRendered(Theme theme, Path file) throws Exception {
        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
        Pictures.assertRendered(file.getFileName().toString(), Pictures.read(file), theme.isDark());
    }
}
