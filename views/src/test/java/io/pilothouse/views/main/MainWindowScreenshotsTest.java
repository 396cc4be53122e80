package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.pilothouse.views.SampleEstates.DC2;
import static io.pilothouse.views.SampleEstates.EU;
import static io.pilothouse.views.SampleEstates.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the main window offscreen at 1600x1000 in both themes for the sample clusters and writes PNGs
 * ({@code -Dviews.shots.dir=/tmp/views-shots} to choose where), so a person can look at the product.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowScreenshotsTest {

    @Start
    void start(Stage stage) {
        // Toolkit only: each shot builds its own scene.
    }

    @Test
    void rendersTheSampleClustersInBothThemes() throws Exception {
        for (Theme theme : Theme.values()) {
            String t = theme.name().toLowerCase();
            assertRendered(shot(theme, EU, "orders-prod", "pg-orders-2", 1600, 1000, "orders-3-members-" + t));
            assertRendered(shot(theme, EU, "billing-prod", "pg-bill-e", 1600, 1000, "billing-5-members-" + t));
        }
        assertRendered(shot(Theme.LIGHT, STAGING, "analytics-stg", null, 1600, 1000, "analytics-no-leader-light"));
        assertRendered(shot(Theme.DARK, DC2, "reporting", "rep-2", 1600, 1000, "reporting-stale-dark"));
        assertRendered(shot(Theme.LIGHT, EU, "billing-prod", "pg-bill-d", 1100, 700, "billing-small-window-light"));
        assertRendered(shot(Theme.DARK, EU, "inventory-prod", "inv-06", 1600, 1000, "inventory-9-members-dark"));
        assertRendered(emptyEstate());
        assertRendered(shot(Theme.DARK, EU, "billing-prod", null, 1920, 1080, "billing-wall-dark", true));
        assertRendered(shot(Theme.LIGHT, EU, "inventory-prod", "inv-09", 1600, 1000, "inventory-9-members-light"));
    }

    private static Path shot(Theme theme, String source, String scope, String member, double w, double h,
                             String name) throws Exception {
        return shot(theme, source, scope, member, w, h, name, false);
    }

    private static Path shot(Theme theme, String source, String scope, String member, double w, double h,
                             String name, boolean wall) throws Exception {
        LatestEstate estate = new LatestEstate("Production EU", true);
        estate.put(SampleEstates.ordersProd());
        estate.put(SampleEstates.billingProd());
        estate.put(SampleEstates.analyticsNoLeader());
        estate.put(SampleEstates.reportingStale());
        estate.put(SampleEstates.inventoryNine());
        Path file = ScreenshotRenderer.directory().resolve(name + ".png");
        WaitForAsyncUtils.asyncFx(() -> {
            // As the app does it: theme the scene first, then hand the view its root.
            Scene scene = new Scene(new Region(), w, h);
            theme.applyTo(scene);
            MainView view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
            scene.setRoot(view.root());
            Theme.setWallMode(scene, wall);
            view.selectCluster(source, scope);
            view.refreshNow();
            view.selectMember(member);
            WritableImage image = ScreenshotRenderer.snapshot(scene);
            ScreenshotRenderer.write(image, file);
            view.dispose();
            return image;
        }).get(30, TimeUnit.SECONDS);
        return file;
    }

    private static Path emptyEstate() throws Exception {
        LatestEstate estate = new LatestEstate("Fresh workspace", false);
        Path file = ScreenshotRenderer.directory().resolve("empty-estate-light.png");
        WaitForAsyncUtils.asyncFx(() -> {
            Scene scene = new Scene(new Region(), 1600, 1000);
            Theme.LIGHT.applyTo(scene);
            MainView view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
            scene.setRoot(view.root());
            ScreenshotRenderer.write(ScreenshotRenderer.snapshot(scene), file);
            view.dispose();
            return null;
        }).get(30, TimeUnit.SECONDS);
        return file;
    }

    private static void assertRendered(Path file) throws Exception {
        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
        WritableImage img = new WritableImage(new javafx.scene.image.Image(file.toUri().toString()).getPixelReader(),
                100, 100);
        PixelReader r = img.getPixelReader();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 100; y += 5) {
            for (int x = 0; x < 100; x += 5) {
                colours.add(r.getArgb(x, y));
            }
        }
        assertThat(colours).as("a real picture, not a blank frame").hasSizeGreaterThan(2);
    }
}
