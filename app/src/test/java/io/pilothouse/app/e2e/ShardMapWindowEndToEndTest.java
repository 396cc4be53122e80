package io.pilothouse.app.e2e;

import io.pilothouse.app.fx.MainViews;
import io.pilothouse.app.fx.OffscreenRenderer;
import io.pilothouse.app.fx.ShardMapWindow;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.MainView;
import io.pilothouse.views.shards.ShardMapView;
import io.pilothouse.views.shards.ShardMapViewModel;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shard map window end to end on a sandbox of its own (one Patroni member as coordinator, two standalone shards,
 * the demo schema): the header button opens it, the native partition reader's map shows orders_p0..p7 in the lanes
 * of the nodes holding them, each node with its HA state from the live model; Refresh reads again; closing stops it;
 * {@code screenshot --view shards} renders the same map. Screenshots go to target/shard-shots.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("servers")
class ShardMapWindowEndToEndTest {

    private static final Path SHOTS = Path.of("target", "shard-shots");
    private static final String SCOPE = "mapui";
    private static OwnSandbox own;
    private static LiveSession session;
    private MainView view;
    private ShardMapWindow window;

    @BeforeAll
    static void startSandbox() throws Exception {
        own = OwnSandbox.start("pilothouse-shardmap-ui-", s -> s.withMembers(1).withScope(SCOPE).withShards(2));
        new ShardedSchema(own.info()).create(5_000, line -> { });
        session = SettledSession.start(own.workspace());
    }

    @AfterAll
    static void stopSandbox() {
        Closing.inOrder(session, own);
    }

    @Start
    void start(Stage stage) {
        view = MainViews.on(session);
        Scene scene = new Scene(new Region(), 1400, 900);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        window = new ShardMapWindow(session);
        view.openShardMapProperty().set(() -> window.show(stage));
        stage.show();
    }

    @AfterEach
    void closeWindows() throws Exception {
        fx(() -> {
            view.dispose();
            return null;
        });
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    void showsEveryOrdersPartitionInTheLaneOfItsNodeWithTheNodesHaState() throws Exception {
        // The badges come from the live model: wait until it knows the coordinator's and both shards' primaries.
        io.pilothouse.services.testing.Await.until(java.time.Duration.ofSeconds(60),
                "a primary known for the coordinator and both shards",
                () -> session.feed().latest().clusters().stream()
                        .map(c -> c.source() + "/" + c.scope() + " leader " + c.leader()).toList(),
                clusters -> clusters.stream().filter(c -> !c.endsWith("leader null")).count()
                        == 1 + own.info().shards().size());
        Button open = fx(() -> (Button) view.root().lookup("#open-shard-map"));
        assertThat(fx(open::isVisible)).isTrue();
        fx(() -> {
            open.fire();
            return null;
        });
        ShardMapView map = fx(window::view);
        ShardMapViewModel vm = fx(window::viewModel);
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> map.laneLabels().size()) == 3);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no three lanes; shown: " + fx(() -> map.laneLabels() + " / "
                    + vm.summaryProperty().get() + " / " + vm.errorProperty().get() + " / "
                    + vm.emptyTextProperty().get() + " / " + vm.mapsProperty().get()), e);
        }

        assertThat(fx(() -> vm.selectedTableProperty().get().name())).isEqualTo("demo.orders");
        assertThat(fx(map::laneLabels)).containsExactly(SCOPE, "shard1", "shard2");
        assertThat(fx(() -> map.shardsIn(SCOPE))).containsExactly("demo.orders_p0", "demo.orders_p1");
        assertThat(fx(() -> map.shardsIn("shard1")))
                .containsExactly("demo.orders_p2", "demo.orders_p4", "demo.orders_p6");
        assertThat(fx(() -> map.shardsIn("shard2")))
                .containsExactly("demo.orders_p3", "demo.orders_p5", "demo.orders_p7");
        // The badges follow the live model, applied on the pulse after the map.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !fx(() -> map.haText(SCOPE)).startsWith("HA state"));
        assertThat(fx(() -> map.haText(SCOPE))).isEqualTo("leader · running (" + SCOPE + ")");
        assertThat(fx(() -> map.haText("shard1"))).startsWith("standalone · running");
        assertThat(fx(() -> map.haText("shard2"))).startsWith("standalone · running");
        String line = fx(() -> ((Label) map.root().lookup("#shards-table-line")).getText());
        assertThat(line).startsWith("demo.orders: hash (user_id) · 8 shards · ").containsPattern("skew \\d\\.\\d\\d \\(");
        assertThat(fx(() -> map.root().lookup("#shards-problems").isVisible())).isFalse();
        snapshot(fx(() -> map.root().getScene()), "e2e-shard-map.png");

        // Refresh reads the maps again (a new publication), off the FX thread.
        List<ShardMap> before = fx(() -> vm.mapsProperty().get());
        fx(() -> {
            map.refreshButton().fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> vm.mapsProperty().get()) != before);
        assertThat(fx(() -> map.shardsIn("shard2"))).hasSize(3);

        // "Move or split…" on a selected partition opens the resharding wizard with that partition chosen.
        fx(() -> {
            vm.selectShard(vm.selectedTableProperty().get().shard("demo.orders_p3").orElseThrow());
            return null;
        });
        // The details pane (and its button) joins the window only once a partition is selected.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> map.detailsRoot().getScene() != null
                && map.detailsRoot().lookup("#shards-details-move") != null));
        Button move = fx(() -> (Button) map.detailsRoot().lookup("#shards-details-move"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(move::isVisible));
        fx(() -> {
            move.fire();
            return null;
        });
        javafx.stage.Stage wizard = fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.stage.Stage st && st.getTitle() != null
                        && st.getTitle().startsWith("Move or split a partition of " + SCOPE))
                .map(javafx.stage.Stage.class::cast).findFirst().orElse(null));
        assertThat(wizard).as("the resharding wizard opened").isNotNull();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> partition = fx(() -> (javafx.scene.control.ComboBox<String>)
                wizard.getScene().getRoot().lookup("#reshard-partition"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> "demo.orders_p3".equals(fx(() -> partition.getEditor().getText())));
        fx(() -> {
            wizard.hide();
            return null;
        });

        // Closing the window lets go of the view, its pulse and its 5 s reads.
        fx(() -> {
            window.stage().hide();
            return null;
        });
        assertThat(fx(window::view)).isNull();

        // The same map from the command line, offscreen.
        Path png = SHOTS.toAbsolutePath().resolve("e2e-screenshot-command-dark.png");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = io.pilothouse.app.Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "screenshot", "--view", "shards", "--theme", "dark", "--size", "1600x900", "--out", png.toString(),
                "--workspace", own.info().workspaceFile().toString());
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("view shards");
        assertThat(png).exists();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void snapshot(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            OffscreenRenderer.snapshot(scene, SHOTS.resolve(name));
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
