package io.pilothouse.views.wall;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.wall.WallSamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** What the wall draws at 1920x1080: tile words, worst-first order, grey stale tiles, one page of reused tiles. */
@ExtendWith(ApplicationExtension.class)
class WallViewTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final AtomicReference<EstateSnapshot> estate = new AtomicReference<>(WallSamples.estate(50));
    private final EstateFeed feed = new EstateFeed() {
        @Override
        public EstateSnapshot latest() {
            return estate.get();
        }

        @Override
        public AutoCloseable subscribe(Consumer<EstateSnapshot> listener) {
            return () -> { };
        }
    };
    private final AlertsFeed alerts = new AlertsFeed() {
        @Override
        public ActiveAlerts latest() {
            return WallSamples.alerts();
        }

        @Override
        public AutoCloseable onEvent(Consumer<io.pilothouse.services.alerts.AlertEvent> listener) {
            return () -> { };
        }

        @Override
        public AutoCloseable onChange(Runnable listener) {
            return () -> { };
        }
    };

    @Start
    void start(Stage stage) {
        // Toolkit only: each test builds its own scene.
    }

    @Test
    void tilesShowTheirWordsWorstFirstAndTheStaleOneGreyed() {
        WallView wall = onFx(() -> wall(Theme.DARK, false));
        onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene()));
        WritableImage picture = onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene()));
        Path file = ScreenshotRenderer.write(picture, ScreenshotRenderer.directory().resolve("wall-50-dark.png"));
        Pictures.assertRendered(file, 1920, 1080, true);

        List<WallTile> tiles = onFx(() -> wall.grid().tilesShown());
        assertThat(tiles).hasSize(20);
        assertThat(onFx(() -> texts(tiles.get(0).root()))).startsWith("billing-prod", "NO LEADER", "no alerts", "no leader");
        assertThat(onFx(() -> tiles.stream().limit(6).map(t -> texts(t.root()).get(0)).toList())).containsExactly(
                "billing-prod", "orders-prod", "reporting", "analytics-eu-west-warehouse", "payments-prod",
                "fleet-006");
        List<String> reporting = onFx(() -> texts(tiles.get(2).root()));
        assertThat(reporting).contains("reporting", "STALE", "leader rep-1", "no data for 47 s");
        // 35 members: 12 marks and "+23", the name and words still on the tile (the last page: healthy, by name).
        onFx(() -> wall.viewModel().previousPage());
        assertThat(onFx(() -> wall.grid().tilesShown().stream().map(t -> texts(t.root())).filter(t -> t.get(0)
                .equals("inventory-34-replicas")).findFirst().orElseThrow())).contains("+23", "leader inv-00");

        // The stale tile's stripe is the theme's grey (#7d8590), never green; a healthy tile's is green (#3fb950).
        Color staleStripe = onFx(() -> stripe(picture, tiles.get(2)));
        Color healthyStripe = onFx(() -> stripe(picture, tiles.get(6)));
        assertThat(staleStripe.getGreen()).isLessThan(staleStripe.getBlue() + 0.05);
        assertThat(Math.abs(staleStripe.getRed() - 0x7d / 255.0)).isLessThan(0.05);
        assertThat(healthyStripe.getGreen()).isGreaterThan(healthyStripe.getRed() + 0.2);

        assertThat(onFx(() -> wall.strip().count(TileState.HEALTHY).getText())).isEqualTo("45 healthy");
        assertThat(onFx(() -> wall.strip().count(TileState.STALE).getText())).isEqualTo("1 stale");
        onFx(wall::dispose);
    }

    @Test
    void newSnapshotsReuseTheTilesAndFiveHundredClustersMakeOnePageOfThem() {
        WallView wall = onFx(() -> wall(Theme.LIGHT, false));
        onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene()));
        List<Node> before = onFx(() -> wall.grid().tilesShown().stream().map(t -> (Node) t.root()).toList());
        estate.set(WallSamples.estate(500));
        onFx(wall::refreshNow);

        assertThat(onFx(() -> wall.grid().tilesMade())).isEqualTo(20);
        assertThat(onFx(() -> wall.grid().tilesShown().stream().map(t -> (Node) t.root()).toList()))
                .containsExactlyElementsOf(before);
        assertThat(onFx(() -> wall.viewModel().pageCountProperty().get())).isEqualTo(25);
        assertThat(onFx(() -> wall.strip().count(TileState.HEALTHY).getText())).isEqualTo("495 healthy");

        // The cost of one frame that applies a new 500-cluster snapshot (every cluster a new object): every tile model
        // rebuilt and sorted, one
        // page of tiles updated, CSS and layout. Printed for the record; bounded loosely (2 cores shared by many).
        long[] nanos = new long[30];
        for (int i = -30; i < nanos.length; i++) {
            int at = i;
            EstateSnapshot next = WallSamples.estate(500);
            estate.set(new EstateSnapshot(next.workspaceName(), false, next.clusters(), 100 + i, NOW));
            long took = onFx(() -> {
                // CPU time of the FX thread: the machine's other load does not count.
                java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                long t0 = cpu.getCurrentThreadCpuTime();
                wall.refreshNow();
                wall.root().applyCss();
                wall.root().layout();
                return cpu.getCurrentThreadCpuTime() - t0;
            });
            if (at >= 0) {
                nanos[at] = took; // after 30 frames of warm-up (JIT)
            }
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("wall frame at 500 clusters (FX thread CPU): median %.2f ms, max %.2f ms%n", nanos[15] / 1e6,
                nanos[29] / 1e6);
        assertThat(nanos[15] / 1e6).isLessThan(100);
        onFx(wall::dispose);
    }

    @Test
    void keysPauseTurnAndPinPages() {
        WallView wall = onFx(() -> wall(Theme.DARK, false));
        onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene()));
        onFx(() -> press(wall, javafx.scene.input.KeyCode.RIGHT));
        assertThat(onFx(() -> wall.viewModel().pageNumberProperty().get())).isEqualTo(2);
        onFx(() -> press(wall, javafx.scene.input.KeyCode.SPACE));
        assertThat(onFx(() -> wall.viewModel().pausedProperty().get())).isTrue();
        onFx(() -> press(wall, javafx.scene.input.KeyCode.P));
        assertThat(onFx(() -> wall.viewModel().pinnedProperty().get())).isTrue();
        assertThat(onFx(() -> ((Label) wall.root().lookup("#wall-paging")).getText()))
                .isEqualTo("page pinned (P to unpin)");
        onFx(wall::dispose);
    }

    @Test
    void theCursorHidesAfterFiveSecondsWithoutAMouseMove() throws Exception {
        WallView wall = onFx(() -> wall(Theme.DARK, false));
        assertThat(onFx(() -> wall.root().getCursor())).isNotEqualTo(javafx.scene.Cursor.NONE);
        org.testfx.util.WaitForAsyncUtils.waitFor(WallView.CURSOR_IDLE_SECONDS + 5, java.util.concurrent.TimeUnit.SECONDS,
                () -> onFx(() -> wall.root().getCursor() == javafx.scene.Cursor.NONE));
        onFx(wall::dispose);
    }

    @Test
    void screenshotsInBothThemesAndLarge() {
        for (Theme theme : Theme.values()) {
            for (boolean large : new boolean[] {false, true}) {
                WallView wall = onFx(() -> wall(theme, large));
                onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene()));
                String name = "wall-50-" + theme.name().toLowerCase() + (large ? "-large" : "") + ".png";
                Path file = ScreenshotRenderer.write(onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene())),
                        ScreenshotRenderer.directory().resolve(name));
                Pictures.assertRendered(file, 1920, 1080, theme.isDark());
                if (large) {
                    assertThat(onFx(() -> wall.grid().tilesMade())).isEqualTo(12);
                }
                onFx(wall::dispose);
            }
        }
    }

    @Test
    void aSmallEstateFillsTheScreenWithLargerTilesAndLargerType() {
        EstateSnapshot all = WallSamples.estate(8);
        estate.set(new EstateSnapshot("w", false, all.clusters().subList(0, 3), 1, NOW));
        WallView wall = onFx(() -> wall(Theme.LIGHT, false));
        onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene()));

        List<WallTile> shown = onFx(() -> wall.grid().tilesShown());
        assertThat(shown).hasSize(3);
        assertThat(onFx(() -> wall.grid().tilesMade())).isEqualTo(4);
        for (WallTile tile : shown) {
            assertThat(onFx(() -> tile.root().getBoundsInParent().getWidth())).isGreaterThan(900);
            assertThat(onFx(() -> tile.root().getBoundsInParent().getHeight())).isGreaterThan(450);
        }
        double nameSize = onFx(() -> ((Label) shown.get(0).root().lookup("." + WallStyles.TILE_NAME)).getFont()
                .getSize());
        assertThat(nameSize).isGreaterThan(24 * 1.3 * 2);
        onFx(wall::dispose);
    }

    @Test
    void theSyncWordsGoUnderALongLagRatherThanBeingCut() {
        io.pilothouse.services.model.ClusterSnapshot c = WallSamples.quorum(WallSamples.cluster(
                "long-lag-words", "an-1", 3, 123_456_789_012L, WallSamples.live(1)));
        c = c.toBuilder().members(c.members().stream().map(m -> m.name().equals("an-2")
                ? m.toBuilder().sqlLagBytes(null).build() : m).toList())
                .sync(new io.pilothouse.services.model.SyncReplication(io.pilothouse.services.model.SyncMode.QUORUM,
                        true, 1, List.of("an-2", "an-3"), 1, null, false)).build();
        java.util.List<io.pilothouse.services.model.ClusterSnapshot> many = new java.util.ArrayList<>(
                WallSamples.estate(50).clusters());
        many.set(0, c);
        estate.set(new EstateSnapshot("w", false, many, 1, NOW));
        WallView wall = onFx(() -> wall(Theme.LIGHT, false));
        onFx(() -> ScreenshotRenderer.snapshot(wall.root().getScene()));

        WallTile tile = onFx(() -> wall.grid().tilesShown().stream()
                .filter(t -> t.shown().name().equals("long-lag-words")).findFirst().orElseThrow());
        assertThat(tile.shown().lag()).startsWith("lag ≥ ");
        // What is drawn, not the label's text: an ellipsis would show here.
        List<String> drawn = onFx(() -> tile.root().lookupAll(".text").stream()
                .map(n -> ((javafx.scene.text.Text) n).getText()).toList());
        assertThat(drawn).contains(tile.shown().sync(), tile.shown().lag());
        onFx(wall::dispose);
    }

    private WallView wall(Theme theme, boolean large) {
        WallView wall = new WallView(feed, alerts, AlertThresholds.DEFAULTS,
                new WallOptions(Duration.ofSeconds(20), large), CLOCK);
        Scene scene = new Scene(new Region(), 1920, 1080);
        theme.applyTo(scene);
        scene.setRoot(wall.root());
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        wall.refreshNow();
        return wall;
    }

    private static void press(WallView wall, javafx.scene.input.KeyCode code) {
        wall.root().fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", code,
                false, false, false, false));
    }

    private static List<String> texts(Node tile) {
        return tile.lookupAll(".label").stream().map(n -> ((Label) n).getText())
                .filter(t -> t != null && !t.isEmpty()).toList();
    }

    /** The colour in the middle of a tile's left stripe (12 px wide). */
    private static Color stripe(WritableImage picture, WallTile tile) {
        Bounds b = tile.root().localToScene(tile.root().getBoundsInLocal());
        return picture.getPixelReader().getColor((int) b.getMinX() + 5, (int) (b.getMinY() + b.getHeight() / 2));
    }
}
