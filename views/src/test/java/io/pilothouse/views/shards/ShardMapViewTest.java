package io.pilothouse.views.shards;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static io.pilothouse.views.shards.SampleShardMaps.COORDINATOR;
import static io.pilothouse.views.shards.SampleShardMaps.SHARD1;
import static io.pilothouse.views.shards.SampleShardMaps.SHARD2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shard map on hand-built maps (the real reader is tested against a sandbox in services, the window end to end in
 * the app): lanes per node, tile sizes, unknown sizes, problems, skew, HA badges from the live model, keyboard
 * selection, the empty and error states, and staying cheap with 200 shards.
 */
@ExtendWith(ApplicationExtension.class)
class ShardMapViewTest {

    private final LatestEstate estate = new LatestEstate("Production EU", false);
    private ShardMapViewModel vm;
    private ShardMapView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        estate.put(SampleShardMaps.shard1Cluster());
        vm = new ShardMapViewModel(estate, ZoneOffset.UTC);
        view = new ShardMapView(vm);
        scene = new Scene(new VBox(), 1600, 1000);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        stage.show();
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            vm.stop();
            view.dispose();
        });
        org.testfx.api.FxToolkit.cleanupStages();
    }

    private void show(List<ShardMap> maps) {
        vm.publish(maps);
        if (maps.isEmpty()) {
            onFx(vm::applyNow);
        } else {
            // Applied by the next pulse (List.copyOf keeps an immutable list as it is, so identity tells).
            waitUntil(() -> vm.mapsProperty().get() == maps);
        }
    }

    private double area(String shard) {
        return onFx(() -> {
            Region r = view.tile(shard).orElseThrow();
            return r.getWidth() * r.getHeight();
        });
    }

    private boolean has(String shard, PseudoClass p) {
        return onFx(() -> view.tile(shard).orElseThrow().getPseudoClassStates().contains(p));
    }

    private String text(String id) {
        return onFx(() -> ((Label) view.root().lookup(id)).getText());
    }

    @Test
    void tilesSitInTheLaneOfTheirNodeCoordinatorFirst() {
        show(List.of(SampleShardMaps.map()));
        assertThat(onFx(view::laneLabels)).containsExactly(COORDINATOR, SHARD1, SHARD2);
        assertThat(onFx(() -> view.shardsIn(COORDINATOR))).containsExactly("demo.orders_p0", "demo.orders_p1");
        assertThat(onFx(() -> view.shardsIn(SHARD1)))
                .containsExactly("demo.orders_p2", "demo.orders_p4", "demo.orders_p6");
        assertThat(onFx(() -> view.shardsIn(SHARD2)))
                .containsExactly("demo.orders_p3", "demo.orders_p5", "demo.orders_p7");
        // Lanes stand side by side, left to right in the map's order.
        double[] x = onFx(() -> new double[] {view.lane(COORDINATOR).orElseThrow().getBoundsInParent().getMinX(),
                view.lane(SHARD1).orElseThrow().getBoundsInParent().getMinX(),
                view.lane(SHARD2).orElseThrow().getBoundsInParent().getMinX()});
        assertThat(x[0]).isLessThan(x[1]);
        assertThat(x[1]).isLessThan(x[2]);
    }

    @Test
    void tileAreaFollowsBytesAndTinyShardsStayClickable() {
        show(List.of(SampleShardMaps.map()));
        double p2 = area("demo.orders_p2"); // 120 MiB, the largest
        double p0 = area("demo.orders_p0"); // 96
        double p1 = area("demo.orders_p1"); // 88
        double p4 = area("demo.orders_p4"); // 40
        double p6 = area("demo.orders_p6"); // 2
        assertThat(p2).isGreaterThan(p0);
        assertThat(p0).isGreaterThan(p1);
        assertThat(p1).isGreaterThan(p4);
        assertThat(p4).isGreaterThanOrEqualTo(p6);
        // Area proportional to bytes above the minimum: 96/120 of the largest.
        assertThat(p0 / p2).isCloseTo(96.0 / 120, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p6).isEqualTo(ShardTile.MIN_SIDE * ShardTile.MIN_SIDE);
    }

    @Test
    void aShardOfUnknownSizeSaysSoAndIsDrawnDashed() {
        show(List.of(SampleShardMaps.map()));
        assertThat(has("demo.orders_p3", ShardStyles.UNKNOWN_SIZE)).isTrue();
        assertThat(has("demo.orders_p2", ShardStyles.UNKNOWN_SIZE)).isFalse();
        assertThat(onFx(() -> view.tile("demo.orders_p3").orElseThrow().lookupAll(".ph-shard-tile-line").stream()
                .map(n -> ((Label) n).getText()).toList())).contains("size unknown", "rows unknown");
        assertThat(onFx(() -> view.tile("demo.orders_p3").orElseThrow().getBorder().getStrokes().get(0)
                .getTopStyle().getDashArray())).isNotEmpty();
    }

    @Test
    void problemsAreFlaggedOnTilesLanesAndInWords() {
        show(List.of(SampleShardMaps.map()));
        assertThat(has("demo.orders_p3", ShardStyles.TROUBLE)).isTrue();
        assertThat(has("demo.orders_p0", ShardStyles.TROUBLE)).isFalse();
        assertThat(onFx(() -> view.lane(SHARD2).orElseThrow().getPseudoClassStates())).contains(ShardStyles.TROUBLE);
        assertThat(onFx(() -> view.root().lookup("#shards-problems").lookupAll(".ph-shard-problem").stream()
                .map(n -> ((Label) n).getText()).toList()))
                .containsExactly("shard2 (10.30.0.22:5432) could not be read: orders_p3, orders_p5, orders_p7 drawn "
                        + "without sizes");

        onFx(() -> vm.selectTable("demo.events"));
        assertThat(onFx(view::laneLabels)).containsExactly(COORDINATOR, SHARD1, TableLayout.NO_HOME);
        assertThat(onFx(() -> view.shardsIn(TableLayout.NO_HOME))).containsExactly("demo.events_2026_12");
        assertThat(has("demo.events_2026_12", ShardStyles.TROUBLE)).isTrue();
        assertThat(onFx(() -> view.root().lookup("#shards-problems").lookupAll(".ph-shard-problem").stream()
                .map(n -> ((Label) n).getText()).toList())).containsExactly(
                "gap: no partition holds 2026-09-01 00:00:00+00 → 2026-10-01 00:00:00+00 (rows go to events_default)",
                "demo.events_2026_12: no home: foreign server archive has no host option");
    }

    @Test
    void theTableLineGivesStrategySizeAndSkewNamingTheLargestNode() {
        show(List.of(SampleShardMaps.map()));
        // Coordinator 184 MiB, shard1 162 MiB (shard2 unknown): mean 173, largest/mean 1.06.
        assertThat(text("#shards-table-line")).isEqualTo(
                "demo.orders: hash (user_id) · 8 shards · 346.0 MiB · skew 1.06 (orders-prod largest) · shard2 not "
                        + "counted: size unknown");
        assertThat(onFx(() -> ((Label) view.lane(SHARD1).orElseThrow().lookup(".ph-shard-lane-total")).getText()))
                .isEqualTo("3 shards · 162.0 MiB · 47 % of the table");
        assertThat(text("#shards-summary")).isEqualTo("1 map, 2 sharded tables; read at 14:32:10");
    }

    @Test
    void eachNodeShowsItsHaStateFromTheLiveModelAndFollowsIt() {
        show(List.of(SampleShardMaps.map()));
        assertThat(onFx(() -> view.haText(COORDINATOR))).isEqualTo("leader · running (orders-prod)");
        assertThat(onFx(() -> view.haText(SHARD1))).isEqualTo("standalone · running (shard1)");
        assertThat(onFx(() -> view.haText(SHARD2))).isEqualTo("unreachable: " + SampleShardMaps.UNREACHABLE);

        // The live model moves (maintenance mode on the coordinator's cluster) without a new map read.
        ClusterSnapshot o = SampleEstates.ordersProd();
        estate.put(SampleEstates.cluster(o.source(), o.scope(), o.leader(), true, null, o.members(), o.sources()));
        waitUntil(() -> view.haText(COORDINATOR).equals("leader · running (orders-prod) · paused"));
        estate.put(SampleEstates.cluster(o.source(), o.scope(), null, false, null, o.members(), o.sources()));
        waitUntil(() -> view.haText(COORDINATOR).endsWith("· no leader"));
    }

    @Test
    void arrowKeysWalkTheTilesAndTheSelectionShowsTheShardInFull(FxRobot robot) {
        show(List.of(SampleShardMaps.map()));
        robot.clickOn(onFx(() -> view.tile("demo.orders_p0").orElseThrow()));
        assertThat(onFx(() -> vm.selectedShardProperty().get().name())).isEqualTo("demo.orders_p0");
        robot.type(KeyCode.DOWN);
        assertThat(onFx(() -> vm.selectedShardProperty().get().name())).isEqualTo("demo.orders_p1");
        robot.type(KeyCode.RIGHT);
        assertThat(onFx(() -> vm.selectedShardProperty().get().name())).isEqualTo("demo.orders_p4");
        assertThat(has("demo.orders_p4", ShardStyles.SELECTED)).isTrue();
        assertThat(has("demo.orders_p1", ShardStyles.SELECTED)).isFalse();
        assertThat(text("#shards-details-title")).isEqualTo("demo.orders_p4");
        assertThat(text("#shards-details-size")).isEqualTo("40.0 MiB (41,943,040 bytes)");
        assertThat(text("#shards-details-node")).isEqualTo("shard1 (10.30.0.21:5432 / postgres)");
        assertThat(text("#shards-details-bound")).isEqualTo("4 mod 8");
        assertThat(text("#shards-details-writes")).isEqualTo("12.0 writes/s");
        robot.type(KeyCode.RIGHT);
        assertThat(onFx(() -> vm.selectedShardProperty().get().name())).isEqualTo("demo.orders_p5");
        assertThat(text("#shards-details-problem")).isEqualTo("node shard2 unreachable");
        robot.type(KeyCode.TAB);
        assertThat(onFx(() -> vm.selectedShardProperty().get().name())).isEqualTo("demo.orders_p7");
    }

    @Test
    void theDetailsPaneTakesRoomOnlyWhileATileIsSelected() {
        show(List.of(SampleShardMaps.map()));
        assertThat(onFx(() -> vm.selectedShardProperty().get())).isNull();
        assertThat(onFx(() -> view.detailsRoot().getScene())).as("no tile selected: no details pane").isNull();
        double lanesWidth = onFx(() -> ((Region) view.root().lookup(".split-pane")).getWidth());
        // Relative to the window: the headless screen may hold the stage narrower than the scene asked for.
        double windowWidth = onFx(() -> view.root().getScene().getWidth());
        assertThat(lanesWidth).as("the lanes have the whole width").isGreaterThan(windowWidth - 50);

        onFx(() -> vm.selectShard(vm.layoutProperty().get().table().shards().get(0)));
        waitUntil(() -> view.detailsRoot().getScene() != null
                && ((Region) view.detailsRoot()).getWidth() > 250);
        assertThat(text("#shards-details-title")).isNotBlank();
        onFx(() -> vm.selectShard(null));
        waitUntil(() -> view.detailsRoot().getScene() == null);
    }

    @Test
    void opensOnTheTableSpreadOverTheMostNodes() {
        ShardMap m = SampleShardMaps.map();
        ShardMap eventsFirst = new ShardMap(m.name(), m.kind(), m.nodes(),
                List.of(SampleShardMaps.events(), SampleShardMaps.orders()), m.problems(), m.readAt());
        show(List.of(eventsFirst));
        assertThat(onFx(() -> vm.selectedTableProperty().get().name())).isEqualTo("demo.orders");
        assertThat(onFx(() -> view.tableChoice().getValue())).isEqualTo("demo.orders");
    }

    @Test
    void theTableSelectorIsKeyboardAccessible(FxRobot robot) {
        show(List.of(SampleShardMaps.map()));
        robot.clickOn("#shards-table-choice");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        waitUntil(() -> vm.selectedTableProperty().get().name().equals("demo.events"));
        assertThat(onFx(() -> view.shardsIn(COORDINATOR))).contains("demo.events_default");
    }

    @Test
    void noShardedTablesIsSaidInWordsAndAReadingErrorToo() {
        show(List.of());
        assertThat(text("#shards-empty")).startsWith("No sharded tables found in this workspace: ");
        assertThat(onFx(() -> view.root().lookup("#shards-empty").isVisible())).isTrue();
        vm.publishError("connection to 10.20.1.11:5432 refused");
        waitUntil(() -> view.root().lookup("#shards-error").isVisible());
        assertThat(text("#shards-error")).startsWith("Could not read the shard maps: connection to 10.20.1.11:5432 "
                + "refused.");
        show(List.of(SampleShardMaps.map()));
        assertThat(onFx(() -> view.root().lookup("#shards-error").isVisible())).isFalse();
        assertThat(onFx(() -> view.root().lookup("#shards-empty").isVisible())).isFalse();
    }

    @Test
    void aMapThatCouldNotBeReadSaysWhyInsteadOfLookingEmpty() {
        String why = "coordinator 10.20.1.11:5432 could not be read: password authentication failed for user "
                + "\"pilothouse\"; check the workspace's credentials";
        show(List.of(new ShardMap("orders-prod", io.pilothouse.services.shards.map.MapKind.NATIVE_PARTITIONING,
                List.of(SampleShardMaps.COORDINATOR_NODE), List.of(), List.of(why), SampleEstates.NOW)));
        assertThat(onFx(() -> view.root().lookup("#shards-problems").lookupAll(".ph-shard-problem").stream()
                .map(n -> ((Label) n).getText()).toList())).containsExactly(why);
        assertThat(text("#shards-empty")).isEqualTo("No sharded table could be read: see the problems above.");
    }

    @Test
    void twoHundredShardsDrawOnceAndAReReadKeepsTheTilesAndTheFocus(FxRobot robot) {
        AtomicInteger layouts = new AtomicInteger();
        onFx(() -> vm.layoutProperty().addListener((o, a, b) -> layouts.incrementAndGet()));
        long start = System.nanoTime();
        show(List.of(SampleShardMaps.big(200, 0)));
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(onFx(() -> view.shardsIn("node0").size())).isEqualTo(50);
        int after = layouts.get();
        // Frames pass with nothing new published: nothing is applied again.
        org.testfx.util.WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(layouts.get()).isEqualTo(after);

        robot.clickOn(onFx(() -> view.tile("app.t_0").orElseThrow()));
        Node tile = onFx(() -> view.tile("app.t_0").orElseThrow());
        show(List.of(SampleShardMaps.big(200, 5)));
        assertThat(onFx(() -> view.tile("app.t_0").orElseThrow())).isSameAs(tile);
        assertThat(onFx(tile::isFocused)).isTrue();
        assertThat(onFx(() -> vm.selectedShardProperty().get().name())).isEqualTo("app.t_0");
        assertThat(firstMs).as("first draw of 200 shards, ms").isLessThan(3000);
        assertThat(onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(scene),
                ScreenshotRenderer.directory().resolve("shard-map-200.png")))).exists();
    }

    @Test
    void rendersThreeNodesOneUnreachableInBothThemes() {
        show(List.of(SampleShardMaps.map()));
        onFx(() -> vm.selectShard(SampleShardMaps.orders().shard("demo.orders_p2").orElseThrow()));
        Path light = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(scene),
                ScreenshotRenderer.directory().resolve("shard-map-light.png")));
        onFx(() -> Theme.DARK.applyTo(scene));
        Path dark = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(scene),
                ScreenshotRenderer.directory().resolve("shard-map-dark.png")));
        onFx(() -> vm.selectTable("demo.events"));
        Path events = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(scene),
                ScreenshotRenderer.directory().resolve("shard-map-events-dark.png")));
        assertThat(light).exists();
        assertThat(dark).exists();
        assertThat(events).exists();
    }
}
