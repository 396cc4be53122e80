package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertLedger;
import io.pilothouse.services.alerts.AlertRecord;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditRecord;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.ScreenshotRenderer;
import io.pilothouse.views.main.MainView;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Alerts tab on the app's history of alerts (a real {@link AlertLedger} behind a mutation gate with an audit
 * sink): cleared alerts stay listed as cleared, acknowledge and silence change the state shown and are audited, and
 * each alert opens where it is fixed. The main window at 1440×900.
 */
@ExtendWith(ApplicationExtension.class)
class AlertHistoryPanelTest {

    private final LatestEstate estate = new LatestEstate("Production EU", true);
    private final SampleAlerts.Feed feed = new SampleAlerts.Feed();
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private final AtomicInteger inDoubtOpened = new AtomicInteger();
    private AlertLedger ledger;
    private MainView view;
    private Stage stage;

    private final Alert slot = SampleAlerts.alert(AlertSeverity.WARNING, AlertRule.SLOT_RETAINING_WAL,
            SampleEstates.EU, "billing-prod", "pg-bill-a", "Slot debezium on pg-bill-a holds back 1.4 GiB of WAL",
            3720);
    private final Alert prepared = SampleAlerts.alert(AlertSeverity.WARNING, AlertRule.PREPARED_XACT_OLD,
            SampleEstates.EU, "billing-prod", "pg-bill-a", "Prepared transaction tx_0021 is 114 s old, above 60 s",
            114);
    private final Alert lag = SampleAlerts.alert(AlertSeverity.WARNING, AlertRule.REPLICA_LAG, SampleEstates.EU,
            "billing-prod", "pg-bill-c", "Replica pg-bill-c replays 2.1 MiB behind, above 1.0 MiB", 95);

    @Start
    void start(Stage stage) {
        this.stage = stage;
        estate.put(SampleEstates.billingProd());
        ledger = new AlertLedger(new MutationGate(false, audit::add, SampleEstates.CLOCK, "dba"),
                SampleEstates.CLOCK, "dba", 100);
        ledger.record(new AlertEvent(AlertEvent.Type.ALERT_RAISED, slot, SampleEstates.NOW.minusSeconds(3600)));
        ledger.record(new AlertEvent(AlertEvent.Type.ALERT_RAISED, prepared, SampleEstates.NOW.minusSeconds(54)));
        ledger.record(new AlertEvent(AlertEvent.Type.ALERT_RAISED, lag, SampleEstates.NOW.minusSeconds(65)));
        ledger.record(new AlertEvent(AlertEvent.Type.ALERT_CLEARED, lag, SampleEstates.NOW.minusSeconds(5)));
        feed.set(List.of(slot, prepared));
        AlertActions actions = new AlertActions() {
            @Override
            public CompletionStage<AlertRecord> acknowledge(String id) {
                return CompletableFuture.supplyAsync(() -> call(() -> ledger.acknowledge(id)));
            }

            @Override
            public CompletionStage<AlertRecord> silence(String id, Duration d) {
                return CompletableFuture.supplyAsync(() -> call(() -> ledger.silence(id, d)));
            }

            @Override
            public CompletionStage<AlertRecord> unsilence(String id) {
                return CompletableFuture.supplyAsync(() -> call(() -> ledger.unsilence(id)));
            }
        };
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).alerts(feed)
                .alertHistory(ledger, actions, Platform::runLater).build();
        view.openInDoubtProperty().set(inDoubtOpened::incrementAndGet);
        FxTest.showLight(stage, view.root(), 1440, 900);
        view.refreshNow();
        view.showPane("alerts");
    }

    private static AlertRecord call(java.util.concurrent.Callable<AlertRecord> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    @SuppressWarnings("unchecked")
    private TableView<AlertRecord> table() {
        return onFx(() -> (TableView<AlertRecord>) view.root().lookup("#alerts-table"));
    }

    private String state(int row) {
        // The text of the visible State cell of that row, as drawn.
        return onFx(() -> table().lookupAll(".table-cell").stream()
                .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "alerts-state".equals(c.getTableColumn().getId())
                        && c.getIndex() == row)
                .map(c -> c.getText()).findFirst().orElse(null));
    }

    private void select(Alert a) {
        onFx(() -> table().getItems().stream().filter(r -> r.id().equals(a.id()) && r.open()).findFirst()
                .ifPresent(r -> table().getSelectionModel().select(r)));
    }

    private Button button(String id) {
        return onFx(() -> (Button) view.root().lookup("#" + id));
    }

    @Test
    void aClearedAlertStaysListedAsCleared() {
        waitUntil(() -> table().getItems().size() == 3);
        List<AlertRecord> rows = onFx(() -> List.copyOf(table().getItems()));
        assertThat(rows).extracting(r -> r.alert().rule()).containsExactly(AlertRule.SLOT_RETAINING_WAL,
                AlertRule.PREPARED_XACT_OLD, AlertRule.REPLICA_LAG);
        assertThat(onFx(() -> AlertPresentation.state(rows.get(2), SampleEstates.NOW, SampleEstates.CLOCK.getZone())))
                .isEqualTo("Cleared 14:32:05 after 1 min");
        assertThat(onFx(() -> ((Label) view.root().lookup("#alerts-summary")).getText()))
                .isEqualTo("2 active · 0 critical · 2 warning · 1 cleared");
        onFx(() -> ((javafx.scene.control.CheckBox) view.root().lookup("#alert-show-cleared")).setSelected(false));
        waitUntil(() -> table().getItems().size() == 2);
    }

    @Test
    void acknowledgeAndSilenceChangeTheStateAndAreAudited(FxRobot robot) throws Exception {
        waitUntil(() -> table().getItems().size() == 3);
        select(slot);
        assertThat(onFx(() -> button("alert-unsilence").isDisabled())).isTrue();
        robot.clickOn("#alert-acknowledge");
        waitUntil(() -> table().getItems().get(0).acknowledgedAt() != null);
        assertThat(state(0)).isEqualTo("Acknowledged by dba at 14:32:10");
        assertThat(onFx(() -> ((Label) view.root().lookup("#alert-action-status")).getText()))
                .startsWith("Acknowledged: slot retaining wal on pg-bill-a");

        select(prepared);
        robot.clickOn("#alert-silence");
        waitUntil(() -> table().getItems().stream().anyMatch(r -> r.silencedUntil() != null));
        int row = onFx(() -> table().getItems().indexOf(table().getItems().stream()
                .filter(r -> r.id().equals(prepared.id())).findFirst().orElseThrow()));
        assertThat(state(row)).isEqualTo("Silenced until 15:32:10 (1 h left)");
        assertThat(ledger.silenced(prepared.id())).isTrue();
        assertThat(audit).extracting(AuditRecord::action).containsExactly("alert-acknowledge", "alert-silence");
        assertThat(audit).allMatch(r -> r.outcome() == AuditOutcome.OK);

        for (Theme theme : Theme.values()) {
            Path png = onFx(() -> {
                theme.applyTo(stage.getScene());
                view.root().applyCss();
                view.root().layout();
                return ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                        ScreenshotRenderer.directory().resolve("alerts-history-1440x900-" + theme.name()
                                .toLowerCase() + ".png"));
            });
            assertThat(png).exists();
        }
    }

    @Test
    void theStateAndSinceAreDrawnWholeAt1440By900WithAMemberSelected(FxRobot robot) {
        waitUntil(() -> table().getItems().size() == 3);
        // The member details pane takes its room from the table: the columns are narrowest then.
        onFx(() -> view.selectMember("pg-bill-a"));
        select(slot);
        robot.clickOn("#alert-acknowledge");
        waitUntil(() -> table().getItems().get(0).acknowledgedAt() != null);
        select(prepared);
        robot.clickOn("#alert-silence");
        waitUntil(() -> table().getItems().stream().anyMatch(r -> r.silencedUntil() != null));
        onFx(() -> {
            view.root().applyCss();
            view.root().layout();
        });
        List<String> cut = onFx(() -> table().lookupAll(".table-cell").stream()
                .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && c.getText() != null && !c.isEmpty()
                        && List.of("State", "Since").contains(c.getTableColumn().getText()))
                .filter(c -> !drawnWhole(c)).map(c -> c.getText()).toList());
        assertThat(cut).as("cells whose text is cut").isEmpty();
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                ScreenshotRenderer.directory().resolve("alerts-history-member-selected-1440x900.png")));
        assertThat(png).exists();
    }

    /** Whether the visible texts of a cell spell its whole text and stay inside it. */
    private static boolean drawnWhole(javafx.scene.control.TableCell<?, ?> c) {
        List<javafx.scene.text.Text> shown = new java.util.ArrayList<>();
        texts(c, shown);
        String drawn = String.join("", shown.stream().map(javafx.scene.text.Text::getText).toList());
        boolean inside = shown.stream().allMatch(t -> t.getBoundsInLocal().getWidth() <= c.getWidth());
        return drawn.equals(c.getText()) && inside;
    }

    private static void texts(javafx.scene.Parent p, List<javafx.scene.text.Text> into) {
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.text.Text t && t.isVisible()) {
                into.add(t);
            } else if (n instanceof javafx.scene.Parent q && n.isVisible()) {
                texts(q, into);
            }
        }
    }

    @Test
    void eachAlertOpensWhereItIsFixed(FxRobot robot) {
        waitUntil(() -> table().getItems().size() == 3);
        select(slot);
        assertThat(onFx(() -> button("alert-open-target").getText())).isEqualTo("Open Slots");
        robot.clickOn("#alert-open-target");
        assertThat(onFx(() -> ((TabPane) view.root().lookup(".tab-pane")).getSelectionModel().getSelectedItem()
                .getId())).isEqualTo("tab-slots");

        onFx(() -> view.showPane("alerts"));
        select(prepared);
        assertThat(onFx(() -> button("alert-open-target").getText())).isEqualTo("Open in-doubt console");
        robot.clickOn("#alert-open-target");
        assertThat(inDoubtOpened.get()).isEqualTo(1);
    }
}
