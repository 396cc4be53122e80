package io.pilothouse.views.activity;

import io.pilothouse.services.activity.ActivityCounters;
import io.pilothouse.services.activity.ActivityReading;
import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.AdvisoryLock;
import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.activity.RatePoint;
import io.pilothouse.services.activity.SessionState;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.styles.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The activity window on canned reads (the reader and the signals are tested against a sandbox in the app): the
 * figures and the blocking tree, an unreadable node shown as such and not as an empty one, and terminate only after
 * the pid was typed, never by Enter.
 */
@ExtendWith(ApplicationExtension.class)
class ActivityViewTest {

    private static final Instant T = Instant.parse("2026-12-06T20:00:00Z");
    private static final NodeRef NODE1 = new NodeRef("s", "demo", "node1", "127.0.0.1", 5432);
    private static final NodeRef NODE2 = new NodeRef("s", "demo", "node2", "127.0.0.1", 5433);
    private static final ActivitySession BLOCKER = new ActivitySession(101, T, "app", "postgres", "outbox", null,
            "client backend", SessionState.IDLE_IN_TRANSACTION, "Client", "ClientRead", 130.0, 125, 125.0,
            "UPDATE outbox SET sent = true WHERE id = 1", List.of());
    private static final ActivitySession BLOCKED = new ActivitySession(102, T, "app", "postgres", "saga", null,
            "client backend", SessionState.ACTIVE, "Lock", "transactionid", 40.0, 40, 40.0,
            "UPDATE outbox SET sent = false WHERE id = 1", List.of(101));

    private static final ActivitySession WALSENDER = new ActivitySession(99, T, "replicator", null, "node2", null,
            "walsender", SessionState.ACTIVE, "Activity", "WalSenderMain", null, 300, 300.0, "START_REPLICATION",
            List.of());

    private final List<String> signals = new CopyOnWriteArrayList<>();
    private ActivityViewModel vm;
    private ActivityView view;

    @Start
    void start(Stage stage) {
        vm = new ActivityViewModel(new ActivityActions() {
            @Override
            public List<NodeRef> nodes() {
                return List.of(NODE1, NODE2);
            }

            @Override
            public CompletableFuture<NodeActivity> read(NodeRef node) {
                if (node.equals(NODE2)) {
                    return CompletableFuture.completedFuture(NodeActivity.failed(node, T,
                            "could not read demo/node2 (127.0.0.1:5433): Connection refused"));
                }
                ActivityReading r = new ActivityReading(node, false, 100, 3, List.of(WALSENDER, BLOCKER, BLOCKED),
                        List.of(new AdvisoryLock(101, "postgres", "42", "ExclusiveLock", true, null),
                                new AdvisoryLock(102, "postgres", "42", "ExclusiveLock", false, 3.0)),
                        new ActivityCounters(T, 1000, 5000L, null, null));
                return CompletableFuture.completedFuture(new NodeActivity(node, T, r, null,
                        List.of(new RatePoint(T, 10), new RatePoint(T.plusSeconds(2), 30)),
                        List.of(new RatePoint(T, 2048), new RatePoint(T.plusSeconds(2), 4096))));
            }

            @Override
            public CompletableFuture<String> signal(NodeRef node, int pid, BackendSignal signal, Instant started,
                                                    String asUser) {
                signals.add(signal + " " + pid + " on " + node.label() + " started " + started + " as " + asUser);
                return CompletableFuture.completedFuture("terminated pid " + pid);
            }

            @Override
            public boolean readOnly() {
                return false;
            }
        }, Runnable::run);
        view = new ActivityView(vm, (owner, title, root, width, height) -> {
            Stage s = new Stage();
            s.initOwner(owner);
            s.setTitle(title);
            Scene scene = new Scene(root, width, height);
            Theme.LIGHT.applyTo(scene);
            s.setScene(scene);
            return s;
        });
        Scene scene = new Scene(view.root(), 1280, 800);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
        vm.refreshNodes(null);
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    void showsFiguresSparklinesAndWhoBlocksWhom(FxRobot robot) {
        assertThat(onFx(() -> robot.lookup("#activity-connections").queryAs(Label.class).getText()))
                .isEqualTo("3 of 100");
        assertThat(onFx(() -> robot.lookup("#activity-states").queryAs(Label.class).getText()))
                .contains("1 active").contains("1 idle in transaction");
        assertThat(onFx(() -> robot.lookup("#activity-tps").queryAs(Label.class).getText())).isEqualTo("30/s");
        assertThat(onFx(() -> robot.lookup("#activity-tps-line").queryAs(Sparkline.class).values()))
                .containsExactly(10.0, 30.0);
        String root = onFx(() -> ActivityTables.describe(view.blockingTree().getRoot().getChildren().get(0)
                .getValue()));
        assertThat(root).startsWith("pid 101 (app, idle in transaction)").contains("blocks 1 session");
        assertThat(onFx(() -> view.blockingTree().getRoot().getChildren().get(0).getChildren().get(0).getValue()
                .pid())).isEqualTo(102);
        assertThat(onFx(() -> view.tabs().getTabs().get(1).getText())).isEqualTo("Blocking (1 waiting)");
        // Blocking and blocked sessions first, background processes last.
        assertThat(onFx(() -> view.sessionsTable().getItems().stream().map(ActivitySession::pid).toList()))
                .containsExactly(101, 102, 99);
        onFx(() -> view.tabs().getSelectionModel().select(1));
        java.nio.file.Path png = onFx(() -> io.pilothouse.views.ScreenshotRenderer.write(
                io.pilothouse.views.ScreenshotRenderer.snapshot(view.root().getScene()),
                io.pilothouse.views.ScreenshotRenderer.directory().resolve("activity-blocking.png")));
        assertThat(png).exists();
    }

    @Test
    void anUnreadableNodeSaysSoAndShowsNoSessions(FxRobot robot) {
        onFx(() -> vm.nodeProperty().set(NODE2));
        waitUntil(() -> onFx(() -> robot.lookup("#activity-status").queryAs(Label.class).getText())
                .startsWith("NOT READ"));
        assertThat(onFx(() -> robot.lookup("#activity-status").queryAs(Label.class).getText()))
                .contains("Connection refused");
        assertThat(onFx(() -> view.sessionsTable().getItems())).isEmpty();
        assertThat(onFx(() -> robot.lookup("#activity-states").queryAs(Label.class).getText())).isEqualTo("not read");
        onFx(() -> view.sessionsTable().getSelectionModel().clearSelection());
        assertThat(onFx(() -> robot.lookup("#activity-terminate").queryAs(Button.class).isDisabled())).isTrue();
    }

    @Test
    void terminateNeedsThePidTypedAndEnterNeverConfirms(FxRobot robot) {
        onFx(() -> view.sessionsTable().getSelectionModel().select(BLOCKER));
        robot.clickOn("#activity-terminate");
        waitUntil(() -> robot.lookup("#confirm-name").tryQuery().isPresent());
        Button confirm = robot.lookup("#confirm-action").queryAs(Button.class);
        robot.clickOn("#confirm-name").write("10");
        java.nio.file.Path png = onFx(() -> io.pilothouse.views.ScreenshotRenderer.write(
                io.pilothouse.views.ScreenshotRenderer.snapshot(robot.lookup("#confirm-name").query().getScene()),
                io.pilothouse.views.ScreenshotRenderer.directory().resolve("activity-terminate-confirm.png")));
        assertThat(png).exists();
        assertThat(onFx(confirm::isDisabled)).isTrue();
        robot.write("1").type(KeyCode.ENTER);
        assertThat(onFx(() -> robot.lookup("#confirm-name").queryAs(TextField.class).getText())).isEqualTo("101");
        assertThat(signals).isEmpty();
        assertThat(onFx(confirm::isDisabled)).isFalse();

        robot.clickOn("#confirm-action");

        waitUntil(() -> !signals.isEmpty());
        assertThat(signals).containsExactly("TERMINATE 101 on demo/node1 started " + T + " as null");
        waitUntil(() -> onFx(() -> robot.lookup("#activity-result").queryAs(Label.class).getText())
                .equals("terminated pid 101"));
    }
}
