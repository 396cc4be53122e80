package io.pilothouse.views.traffic;

import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.model.TrafficProblemKind;
import io.pilothouse.services.traffic.ClusterTraffic;
import io.pilothouse.services.traffic.ComponentStatus;
import io.pilothouse.services.traffic.EntryPoint;
import io.pilothouse.services.traffic.EntryRole;
import io.pilothouse.services.traffic.HaproxyProxy;
import io.pilothouse.services.traffic.HaproxyServer;
import io.pilothouse.services.traffic.HaproxyStatus;
import io.pilothouse.services.traffic.PgbouncerDatabase;
import io.pilothouse.services.traffic.PgbouncerPool;
import io.pilothouse.services.traffic.PgbouncerStatus;
import io.pilothouse.services.traffic.PgpoolNode;
import io.pilothouse.services.traffic.PgpoolStatus;
import io.pilothouse.services.traffic.TrafficComponent;
import io.pilothouse.services.traffic.TrafficFeed;
import io.pilothouse.services.traffic.TrafficSnapshot;
import io.pilothouse.services.traffic.Verification;
import io.pilothouse.services.trafficops.PgBouncerCommand;
import io.pilothouse.services.trafficops.TrafficPreview;
import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import io.pilothouse.views.Tone;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Traffic tab on a snapshot shaped like the sandbox's (the readers and operations run against the real servers
 * in services and app): rows and problems by tone, and a PgBouncer pause that asks for the database's name before
 * anything runs.
 */
@ExtendWith(ApplicationExtension.class)
class TrafficViewTest {

    private static final Instant T = Instant.parse("2026-12-07T00:30:00Z");

    private final List<TrafficOperation> ran = new CopyOnWriteArrayList<>();
    private TrafficPane pane;

    private static ClusterTraffic traffic() {
        HaproxyServer primaryNode1 = new HaproxyServer("primary", "node1", "127.0.0.1:5433", "node1", "DOWN", "L7STS",
                503, 0, 4, 90, 1, 12L, 30L, true);
        HaproxyServer primaryNode2 = new HaproxyServer("primary", "node2", "127.0.0.1:5434", "node2", "UP", "L7OK",
                200, 6, 10, 300, 1, 12L, 0L, false);
        HaproxyServer replicaNode3 = new HaproxyServer("replicas", "node3", "127.0.0.1:5435", "node3", "DOWN",
                "L4CON", null, 0, 2, 40, 1, 4L, 4L, false);
        HaproxyStatus haproxy = new HaproxyStatus("http://127.0.0.1:7000/stats;csv", ComponentStatus.reachable(T, 12),
                List.of(new HaproxyProxy("primary", "OPEN", 6, List.of(primaryNode1, primaryNode2)),
                        new HaproxyProxy("replicas", "OPEN", 0, List.of(replicaNode3))));
        PgbouncerStatus bouncer = new PgbouncerStatus("127.0.0.1:6432", "pgbouncer_admin",
                ComponentStatus.reachable(T, 8),
                List.of(new PgbouncerDatabase("app", "127.0.0.1", 5000, "app", 10, 4, false, false)),
                List.of(new PgbouncerPool("app", "app", 8, 3, 4, 0, 0, 6_200_000, "transaction")), List.of());
        PgpoolStatus pgpool = new PgpoolStatus("127.0.0.1:9999", 9898, ComponentStatus.reachable(T, 20), List.of(
                new PgpoolNode(0, "127.0.0.1:5433", "node1", "up", "up", 0.33, "primary", "standby", 10, false, 0L,
                        "streaming", null),
                new PgpoolNode(1, "127.0.0.1:5434", "node2", "up", "up", 0.33, "standby", "primary", 12, true, 0L,
                        null, null)));
        List<EntryPoint> entries = List.of(
                new EntryPoint(TrafficComponent.HAPROXY, "primary", "127.0.0.1:5000", EntryRole.WRITE,
                        List.of("node2"), List.of(), new Verification("node2", "127.0.0.1:5434", 7L, false, null, T)),
                new EntryPoint(TrafficComponent.PGBOUNCER, "app", "127.0.0.1:6432", EntryRole.WRITE,
                        List.of("node2"), List.of(), new Verification("node2", "127.0.0.1:5434", 7L, false, null, T)));
        List<TrafficProblem> problems = List.of(
                new TrafficProblem("s", "demo", TrafficProblemKind.PGPOOL_PRIMARY_MISMATCH, "pgpool",
                        "Pgpool-II believes node1 is the primary; the server says node2 is"),
                new TrafficProblem("s", "demo", TrafficProblemKind.CLIENTS_WAITING, "pgbouncer app",
                        "3 clients waiting, the oldest for 6.2 s (threshold 5 s)"),
                new TrafficProblem("s", "demo", TrafficProblemKind.BACKEND_DOWN, "haproxy replicas/node3",
                        "node3 is DOWN on replicas: L4CON (connection refused)"));
        return new ClusterTraffic("s", "demo", "node2", entries, haproxy, bouncer, pgpool, problems);
    }

    @Start
    void start(Stage stage) {
        TrafficSnapshot snapshot = new TrafficSnapshot(List.of(traffic()), T);
        TrafficFeed feed = new TrafficFeed() {
            @Override
            public TrafficSnapshot latest() {
                return snapshot;
            }

            @Override
            public AutoCloseable subscribe(Consumer<TrafficSnapshot> listener) {
                return () -> { };
            }
        };
        TrafficActions actions = new TrafficActions() {
            @Override
            public boolean readOnly() {
                return false;
            }

            @Override
            public CompletableFuture<TrafficPreview> preview(TrafficOperation op) {
                return CompletableFuture.completedFuture(new TrafficPreview("Pause PgBouncer database app at "
                        + "127.0.0.1:6432", List.of("app -> 127.0.0.1:5000/app (8 active, 3 waiting clients)"),
                        List.of(PgBouncerCommand.PAUSE.effect())));
            }

            @Override
            public CompletableFuture<String> run(TrafficOperation op) {
                ran.add(op);
                return CompletableFuture.completedFuture("PAUSE app done at 127.0.0.1:6432");
            }
        };
        pane = new TrafficPane(new TrafficInputs(feed, actions, (owner, title, root, width, height) -> {
            Stage s = new Stage();
            s.initOwner(owner);
            Scene scene = new Scene(root, width, height < 0 ? 420 : height);
            Theme.LIGHT.applyTo(scene);
            s.setScene(scene);
            return s;
        }, Platform::runLater));
        pane.select("s", "demo");
        Scene scene = new Scene(new javafx.scene.layout.StackPane(pane.root()), 1440, 900);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        // The shared primary stage keeps the size an earlier test class gave it unless told to fit the new scene.
        stage.sizeToScene();
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsRoutingServersPoolsNodesAndProblemsByTone(FxRobot robot) {
        assertThat(onFx(() -> robot.lookup("#traffic-title").queryAs(Label.class).getText()))
                .startsWith("Traffic of demo (leader node2)");
        TableView<TrafficRow> entries = robot.lookup("#traffic-entry-points").queryAs(TableView.class);
        assertThat(onFx(() -> entries.getItems().get(0).cells())).containsSequence("haproxy primary",
                "127.0.0.1:5000", "write", "node2");
        TableView<TrafficRow> servers = robot.lookup("#traffic-haproxy").queryAs(TableView.class);
        List<TrafficRow> rows = onFx(() -> List.copyOf(servers.getItems()));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).cells().get(3)).isEqualTo("DOWN (role check: normal)");
        assertThat(rows.get(0).tone()).isEqualTo(Tone.NEUTRAL);
        assertThat(rows.get(2).tone()).isEqualTo(Tone.WARN);
        assertThat(rows.get(2).cells().get(8)).contains("L4CON");
        TableView<TrafficRow> pools = robot.lookup("#traffic-pgbouncer").queryAs(TableView.class);
        assertThat(onFx(() -> pools.getItems().get(0).cells())).containsSequence("8", "3", "4", "6200 ms");
        TableView<TrafficRow> nodes = robot.lookup("#traffic-pgpool").queryAs(TableView.class);
        assertThat(onFx(() -> nodes.getItems().get(0).tone())).isEqualTo(Tone.DANGER);
        List<String> problems = onFx(() -> robot.lookup(".ph-traffic-problem").queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
        assertThat(problems).first().asString().startsWith("⚠ pgpool-primary-mismatch");
        assertThat(problems).hasSize(3);

        Path png = onFx(() -> io.pilothouse.views.ScreenshotRenderer.write(
                io.pilothouse.views.ScreenshotRenderer.snapshot(pane.root().getScene()),
                io.pilothouse.views.ScreenshotRenderer.directory().resolve("traffic.png")));
        Pictures.assertRendered(png, 1440, 900, false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pausingADatabaseShowsWhatItTouchesAndWaitsForItsName(FxRobot robot) {
        TableView<TrafficRow> pools = robot.lookup("#traffic-pgbouncer").queryAs(TableView.class);
        javafx.scene.control.TableRow<TrafficRow> row = robot.from(pools).lookup(".table-row-cell").nth(0)
                .queryAs(javafx.scene.control.TableRow.class);
        javafx.scene.control.MenuItem pause = onFx(() -> row.getContextMenu().getItems().get(0));
        assertThat(onFx(pause::getText)).isEqualTo("Pause app");
        onFx(pause::fire);
        waitUntil(() -> robot.lookup("#confirm-name").tryQuery().isPresent());
        Button confirm = robot.lookup("#confirm-action").queryAs(Button.class);
        assertThat(onFx(confirm::getText)).isEqualTo("Pause PgBouncer database app at 127.0.0.1:6432");
        assertThat(onFx(confirm::isDisabled)).isTrue();
        assertThat(ran).isEmpty();
        robot.clickOn("#confirm-name").write("app");
        waitUntil(() -> !onFx(confirm::isDisabled));
        robot.clickOn(confirm);
        waitUntil(() -> !ran.isEmpty());
        assertThat(ran.get(0).database()).isEqualTo("app");
        assertThat(ran.get(0).command()).isEqualTo(PgBouncerCommand.PAUSE);
        waitUntil(() -> onFx(() -> robot.lookup("#traffic-result").queryAs(Label.class).getText())
                .equals("PAUSE app done at 127.0.0.1:6432"));
    }
}
