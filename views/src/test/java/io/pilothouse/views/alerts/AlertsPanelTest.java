package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.AlertRecord;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.ScreenshotRenderer;
import io.pilothouse.views.Styles;
import io.pilothouse.views.main.MainView;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Alerts tab lists the active alerts and the workspace tree badges clusters that have some. */
@ExtendWith(ApplicationExtension.class)
class AlertsPanelTest {

    private final LatestEstate estate = new LatestEstate("Production EU", true);
    private final SampleAlerts.Feed alerts = new SampleAlerts.Feed();
    private MainView view;

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        estate.put(SampleEstates.billingProd());
        estate.put(SampleEstates.analyticsNoLeader());
        estate.put(SampleEstates.reportingStale());
        estate.put(SampleEstates.inventoryNine());
        alerts.set(SampleAlerts.estate());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).alerts(alerts).build();
        FxTest.showLight(stage, view.root(), 1600, 1000);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    @SuppressWarnings("unchecked")
    private TableView<AlertRecord> table() {
        return onFx(() -> (TableView<AlertRecord>) view.root().lookup("#alerts-table"));
    }

    @Test
    void panelListsTheAlertsMostSevereThenOldestFirst() {
        onFx(() -> {
            view.refreshNow();
            view.showPane("alerts");
        });
        List<AlertRecord> rows = onFx(() -> List.copyOf(table().getItems()));
        assertThat(rows).extracting(r -> r.alert().rule()).containsExactly(
                AlertRule.LEADER_MISSING, AlertRule.REPLICA_NOT_STREAMING,
                AlertRule.SLOT_RETAINING_WAL, AlertRule.CONNECTIONS_HIGH, AlertRule.REPLICA_LAG,
                AlertRule.LEADER_LEASE_EXPIRING);
        List<String> chips = onFx(() -> table().lookupAll("." + AlertStyles.SEVERITY_CHIP).stream()
                .map(n -> ((Label) n).getText()).filter(t -> !t.isEmpty()).toList());
        assertThat(chips).startsWith("Critical", "Critical", "Warning");
        String tabTitle = onFx(() -> ((TabPane) view.root().lookup(".tab-pane")).getTabs().stream()
                .filter(t -> "tab-alerts".equals(t.getId())).findFirst().orElseThrow().getText());
        assertThat(tabTitle).isEqualTo("Alerts (6)");
        assertThat(onFx(() -> ((Label) view.root().lookup("#alerts-summary")).getText()))
                .isEqualTo("6 active · 2 critical · 4 warning");
    }

    @Test
    void arrowKeysMoveThroughTheAlerts(FxRobot robot) {
        onFx(() -> {
            view.refreshNow();
            view.showPane("alerts");
            table().requestFocus();
            table().getSelectionModel().select(0);
        });
        robot.type(KeyCode.DOWN, 2);
        assertThat(onFx(() -> table().getSelectionModel().getSelectedItem().alert().rule()))
                .isEqualTo(AlertRule.SLOT_RETAINING_WAL);
        robot.type(KeyCode.END);
        assertThat(onFx(() -> table().getSelectionModel().getSelectedIndex())).isEqualTo(5);
    }

    @Test
    void treeShowsABadgeWithCountAndWorstSeverity() {
        onFx(view::refreshNow);
        waitUntil(() -> badges().size() == 3);
        assertThat(badges()).containsExactlyInAnyOrder("2", "3", "1");
        assertThat(onFx(() -> view.root().lookupAll(".tree-cell").stream()
                .map(Node::getAccessibleText).filter(t -> t != null && t.contains("inventory-prod")).findFirst()
                .orElseThrow())).contains("3 active alerts, 1 critical");
        Node critical = onFx(() -> view.root().lookupAll("." + AlertStyles.BADGE).stream().filter(Node::isVisible)
                .filter(n -> ((Label) n).getText().equals("1")).findFirst().orElseThrow());
        assertThat(onFx(() -> critical.getPseudoClassStates().contains(Styles.DANGER))).isTrue();
    }

    @Test
    void clearedAlertsLeaveThePanelAndTheBadgesOnTheNextFrame() {
        onFx(() -> {
            view.refreshNow();
            // Only the pane on screen follows the alerts (a hidden table is not rebuilt).
            view.showPane("alerts");
        });
        alerts.set(List.of());
        waitUntil(() -> badges().isEmpty() && table().getItems().isEmpty());
        assertThat(onFx(() -> ((Label) view.root().lookup("#alerts-summary")).getText())).isEqualTo("none active");
    }

    @Test
    void aHiddenAlertsTabKeepsItsTableUntilShownThenCatchesUpAtOnce() {
        onFx(() -> {
            view.refreshNow();
            view.showPane("alerts");
            view.showPane("topology");
        });
        List<AlertRecord> before = onFx(() -> List.copyOf(table().getItems()));
        assertThat(before).hasSize(6);
        alerts.set(List.of());
        // The title follows on every frame; the hidden table is not rebuilt for no one.
        waitUntil(() -> onFx(() -> ((TabPane) view.root().lookup(".tab-pane")).getTabs().stream()
                .filter(t -> "tab-alerts".equals(t.getId())).findFirst().orElseThrow().getText()).equals("Alerts"));
        assertThat(onFx(() -> List.copyOf(table().getItems()))).isEqualTo(before);

        onFx(() -> view.showPane("alerts"));

        assertThat(onFx(() -> table().getItems().isEmpty())).isTrue();
    }

    @Test
    void rendersTheAlertsTabInBothThemes() throws Exception {
        for (Theme theme : Theme.values()) {
            Path file = ScreenshotRenderer.directory().resolve("alerts-" + theme.name().toLowerCase() + ".png");
            onFx(() -> {
                Scene scene = new Scene(new Region(), 1600, 1000);
                theme.applyTo(scene);
                MainView shot = MainView.builder(estate).clock(SampleEstates.CLOCK).alerts(alerts).build();
                scene.setRoot(shot.root());
                shot.selectCluster(SampleEstates.EU, "inventory-prod");
                shot.refreshNow();
                shot.showPane("alerts");
                WritableImage image = ScreenshotRenderer.snapshot(scene);
                ScreenshotRenderer.write(image, file);
                shot.dispose();
            });
            assertThat(Files.size(file)).isGreaterThan(10_000);
        }
    }

    private List<String> badges() {
        // A tree row keeps its badge node and hides it when the cluster has no alert: count what is shown.
        return onFx(() -> view.root().lookupAll("." + AlertStyles.BADGE).stream().filter(Node::isVisible)
                .map(n -> ((Label) n).getText()).toList());
    }
}
