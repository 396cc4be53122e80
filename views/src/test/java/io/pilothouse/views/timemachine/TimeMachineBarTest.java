package io.pilothouse.views.timemachine;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.history.store.HistoryRecord;
import io.pilothouse.services.history.store.HistoryWriter;
import io.pilothouse.services.history.store.Retention;
import io.pilothouse.services.history.store.StoreHealth;
import io.pilothouse.services.history.store.StorePastSource;
import io.pilothouse.services.history.store.StoreStatus;
import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.main.MainView;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slider on a real store file: scrubbing back shows the stored leader and the alert of that second, the arrow
 * keys step by event, Live returns to the present.
 */
@ExtendWith(ApplicationExtension.class)
class TimeMachineBarTest {

    private static final String EU = "eu";
    private static final Instant NOW = SampleEstates.NOW;
    private static final Instant BEFORE = NOW.minusSeconds(600);
    private static final Instant SWITCHOVER = NOW.minusSeconds(300);

    @TempDir
    static Path dir;

    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor();
    private final LatestEstate live = new LatestEstate("ws", false);
    private TimeMachineViewModel machine;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryWriter w = new HistoryWriter(file, 100, io, Retention.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC))
                .start()) {
            w.offer(new HistoryRecord.Snapshot(BEFORE, estate("pg-orders-2", BEFORE)));
            w.offer(new HistoryRecord.AlertChange(new AlertEvent(AlertEvent.Type.ALERT_RAISED, lagAlert(),
                    BEFORE.plusSeconds(10))));
            w.offer(new HistoryRecord.Event(new ClusterEvent(ClusterEventType.LEADER_CHANGED, EU, "orders-prod", null,
                    "pg-orders-2", "pg-orders-1", SWITCHOVER)));
            w.offer(new HistoryRecord.Snapshot(SWITCHOVER.plusMillis(700), estate("pg-orders-1", SWITCHOVER)));
            w.offer(new HistoryRecord.AlertChange(new AlertEvent(AlertEvent.Type.ALERT_CLEARED, lagAlert(),
                    SWITCHOVER.plusSeconds(30))));
            w.flush();
        }
        live.put(SampleEstates.ordersProd());
        machine = new TimeMachineViewModel(new StorePastSource(file), io, javafx.application.Platform::runLater,
                Clock.fixed(NOW, ZoneId.of("UTC")), () -> new StoreStatus(StoreHealth.RECORDING, "", 5, 0));
        view = MainView.builder(live).clock(SampleEstates.CLOCK).alerts(AlertsFeed.NONE).timeMachine(machine).build();
        FxTest.showLight(stage, view.root(), 1400, 900);
        view.selectCluster(EU, "orders-prod");
    }

    @AfterEach
    void stop() {
        onFx(view::dispose);
        io.shutdownNow();
    }

    private static EstateSnapshot estate(String leader, Instant at) {
        ClusterSnapshot c = SampleEstates.cluster(EU, "orders-prod", leader, false, null, List.of(
                SampleEstates.member("pg-orders-1", leader.equals("pg-orders-1") ? MemberRole.LEADER
                        : MemberRole.REPLICA, "10.20.1.11").build(),
                SampleEstates.member("pg-orders-2", leader.equals("pg-orders-2") ? MemberRole.LEADER
                        : MemberRole.REPLICA, "10.20.1.12").build()), SampleEstates.allLive());
        return new EstateSnapshot("ws", false, List.of(c), 1, at);
    }

    private static Alert lagAlert() {
        return new Alert("replica-lag/eu/orders-prod/pg-orders-1", AlertSeverity.WARNING, AlertRule.REPLICA_LAG, EU,
                "orders-prod", "pg-orders-1", "replay lag above 8 MB", BEFORE);
    }

    private String leaderShown() {
        return onFx(() -> {
            view.refreshNow();
            return view.viewModel().estateProperty().get().clusters().get(0).leader();
        });
    }

    private ActiveAlerts alertsShown() {
        return onFx(() -> {
            view.refreshNow();
            return view.viewModel().alertsProperty().get();
        });
    }

    @Test
    void scrubbingBackShowsTheStoredLeaderAndAlertsThenLiveReturns(FxRobot robot) {
        assertThat(leaderShown()).isEqualTo("pg-orders-1");
        Slider slider = robot.lookup("#time-machine-slider").queryAs(Slider.class);
        waitUntil(() -> onFx(() -> slider.getMin() <= BEFORE.getEpochSecond()));

        onFx(() -> machine.scrubTo(BEFORE.plusSeconds(20)));
        waitUntil(() -> machine.shown() != null);
        assertThat(leaderShown()).isEqualTo("pg-orders-2");
        assertThat(alertsShown().alerts()).extracting(Alert::member).containsExactly("pg-orders-1");
        assertThat(onFx(() -> slider.getValue())).isEqualTo(BEFORE.plusSeconds(20).getEpochSecond());
        assertThat(onFx(() -> machine.captionProperty().get())).contains("not live");

        // → steps to the next event: the switchover, its effect shown a second later.
        onFx(slider::requestFocus);
        robot.type(KeyCode.RIGHT);
        waitUntil(() -> machine.shown() != null && !machine.shown().at().isBefore(SWITCHOVER));
        assertThat(machine.shown().at()).isEqualTo(SWITCHOVER.plusSeconds(1));
        assertThat(leaderShown()).isEqualTo("pg-orders-1");
        assertThat(alertsShown().alerts()).as("the alert is still raised just after the switchover").hasSize(1);

        // ← steps back to the alert raised before it.
        robot.type(KeyCode.LEFT);
        waitUntil(() -> machine.shown() != null && machine.shown().at().isBefore(SWITCHOVER));
        assertThat(machine.shown().at()).isEqualTo(BEFORE.plusSeconds(11));

        robot.clickOn("#time-machine-live");
        assertThat(onFx(() -> machine.liveProperty().get())).isTrue();
        assertThat(machine.shown()).isNull();
        assertThat(alertsShown().alerts()).isEmpty();
        assertThat(onFx(() -> slider.getValue())).isEqualTo(slider.getMax());
    }
}
