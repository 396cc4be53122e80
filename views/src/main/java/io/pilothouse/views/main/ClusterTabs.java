package io.pilothouse.views.main;

import io.pilothouse.services.history.EstateHistory;
import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagSeriesSource;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.views.alerts.AlertsView;
import io.pilothouse.views.alerts.AlertsViewModel;
import io.pilothouse.views.history.HistoryView;
import io.pilothouse.views.history.HistoryViewModel;
import io.pilothouse.views.lag.LagChartView;
import io.pilothouse.views.slots.SlotsView;
import io.pilothouse.views.slots.SlotsViewModel;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Subscription;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The centre of the main window: one tab per way of looking at the selected cluster (topology, lag, slots, history).
 * Feeds the slots and history view models from the snapshot the frame timer applied, so they refresh at most once
 * per frame and only with data the feed already holds (no I/O here).
 */
final class ClusterTabs {

    /** The tabs, in order; their names are also the {@code screenshot --view} names. */
    enum Pane { TOPOLOGY, LAG, SLOTS, HISTORY, ALERTS, TRAFFIC }

    private final TabPane tabs = new TabPane();
    private final SlotsViewModel slotsVm;
    private final SlotsView slots;
    private final HistoryViewModel historyVm;
    private final HistoryView history;
    private final AlertsViewModel alertsVm;
    private final AlertsView alerts;
    private final Tab alertsTab;
    private final EstateHistory estateHistory;
    private final LagSeriesSource lagSource;
    private final Tab lagTab;
    private LagChartView lagChart;
    /** The lag range every cluster's chart opens with, and the one last chosen on any (preferences follow it). */
    final javafx.beans.property.ObjectProperty<io.pilothouse.views.lag.LagRange> lagRange =
            new javafx.beans.property.SimpleObjectProperty<>(io.pilothouse.views.lag.LagRange.FIVE_MINUTES);
    private String lagCluster;
    private io.pilothouse.services.alerts.ActiveAlerts latestAlerts = io.pilothouse.services.alerts.ActiveAlerts.NONE;
    private ClusterKey trafficKey;
    private final Clock clock;
    private final Subscription subscription;
    /** The Traffic tab's content, or null when the app gave no traffic feed (the tab then says so). */
    private final io.pilothouse.views.traffic.TrafficPane traffic;

    ClusterTabs(MainViewModel vm, Node topology, EstateHistory estateHistory, LagSeriesSource lagSource, Clock clock,
                io.pilothouse.views.traffic.TrafficInputs trafficInputs) {
        this.estateHistory = estateHistory;
        this.lagSource = lagSource;
        this.clock = clock;
        slotsVm = new SlotsViewModel(clock.getZone());
        slots = new SlotsView(slotsVm);
        historyVm = new HistoryViewModel(clock.getZone());
        history = new HistoryView(historyVm);
        lagTab = tab("Lag", placeholder("Lag is sampled once a cluster is selected and SQL is configured for it."));
        alertsVm = new AlertsViewModel(clock.getZone());
        alerts = new AlertsView(alertsVm);
        alertsTab = tab("Alerts", alerts.root());
        traffic = trafficInputs == null ? null : new io.pilothouse.views.traffic.TrafficPane(trafficInputs);
        tabs.getTabs().setAll(tab("Topology", topology), lagTab, tab("Slots", slots.root()),
                tab("History", history.root()), alertsTab, tab("Traffic", traffic != null ? traffic.root()
                        : placeholder("No traffic layer is read for this workspace.")));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        subscription = vm.estateProperty().subscribe(e -> apply(e, vm.selectedClusterProperty().get()))
                .and(vm.selectedClusterProperty().subscribe(k -> apply(vm.estateProperty().get(), k)))
                .and(vm.alertsProperty().subscribe(a -> {
                    latestAlerts = a;
                    // The count in the title is visible from every other tab; the table only while it is shown.
                    alertsTab.setText(a.alerts().isEmpty() ? "Alerts" : "Alerts (" + a.alerts().size() + ")");
                    if (showing(Pane.ALERTS)) {
                        alertsVm.setData(a, clock.instant());
                    }
                }))
                .and(vm.nowProperty().subscribe(t -> {
                    if (t != null && showing(Pane.ALERTS)) {
                        alertsVm.tick(t);
                    }
                }))
                .and(tabs.getSelectionModel().selectedIndexProperty().subscribe(i -> paneShown(vm)));
    }

    /**
     * Only the pane on screen follows the estate: a hidden table rebuilt on every snapshot, a hidden chart redrawn on
     * every sample, cost the window most of its frame time on an estate of fifty clusters. The pane brought to the
     * front catches up at once with the latest snapshot.
     */
    private void paneShown(MainViewModel vm) {
        if (lagChart != null) {
            lagChart.setActive(showing(Pane.LAG));
        }
        if (traffic != null) {
            traffic.setShown(showing(Pane.TRAFFIC));
        }
        if (showing(Pane.ALERTS)) {
            alertsVm.setData(latestAlerts, clock.instant());
        }
        apply(vm.estateProperty().get(), vm.selectedClusterProperty().get());
    }

    private boolean showing(Pane pane) {
        return tabs.getSelectionModel().getSelectedIndex() == pane.ordinal();
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase());
        return t;
    }

    private static Node placeholder(String text) {
        javafx.scene.control.Label l = new javafx.scene.control.Label(text);
        l.getStyleClass().add(io.pilothouse.views.Styles.PLACEHOLDER);
        return new javafx.scene.layout.StackPane(l);
    }

    /** One chart per selected cluster: the chart keeps zoom and range state for the cluster it shows. */
    private void showLag(Optional<ClusterSnapshot> cluster) {
        String id = cluster.map(LagHistory::clusterId).orElse(null);
        if (lagSource == null || java.util.Objects.equals(id, lagCluster)) {
            return;
        }
        if (lagChart != null) {
            lagChart.dispose();
            lagChart = null;
        }
        lagCluster = id;
        if (id != null) {
            lagChart = new LagChartView(lagSource, id);
            lagChart.rangeProperty().set(lagRange.get());
            lagChart.rangeProperty().addListener((o, was, now) -> lagRange.set(now));
            lagTab.setContent(lagChart);
        }
    }

    /** Draws the lag chart now (offscreen renders have no frames). */
    void refreshNow() {
        if (lagChart != null) {
            lagChart.refreshNow();
        }
        if (traffic != null) {
            traffic.refresh();
        }
    }

    private void apply(EstateSnapshot estate, ClusterKey key) {
        Optional<ClusterSnapshot> cluster = estate == null || key == null ? Optional.empty()
                : estate.cluster(key.source(), key.scope());
        if (showing(Pane.LAG)) {
            showLag(cluster);
        }
        if (traffic != null && !java.util.Objects.equals(key, trafficKey)) {
            trafficKey = key;
            traffic.select(key == null ? null : key.source(), key == null ? null : key.scope());
        }
        if (showing(Pane.SLOTS)) {
            slotsVm.setData(cluster.map(ClusterSnapshot::slots).orElse(List.of()),
                    cluster.map(ClusterSnapshot::leader).orElse(null), clock.instant());
        }
        if (showing(Pane.HISTORY)) {
            List<HistoryEntry> entries = key == null || estateHistory == null ? List.of()
                    : estateHistory.find(key.source(), key.scope()).map(h -> h.entries()).orElse(List.of());
            historyVm.setData(key == null ? null : key.scope(), entries);
        }
    }

    Node root() {
        return tabs;
    }

    /** Brings a pane to the front (keyboard: Ctrl+Tab also cycles). */
    void show(Pane pane) {
        tabs.getSelectionModel().select(pane.ordinal());
    }

    /**
     * Alerts link to where they are fixed: slots, lag and topology are panes here, the in-doubt console is a window
     * the app opens through {@code openInDoubt}.
     */
    void linkAlerts(Runnable openInDoubt) {
        alerts.setOnOpen(t -> {
            switch (t) {
                case SLOTS -> show(Pane.SLOTS);
                case LAG -> show(Pane.LAG);
                case IN_DOUBT -> openInDoubt.run();
                default -> show(Pane.TOPOLOGY);
            }
        });
    }

    /** Shows the app's history of alerts, with acknowledge and silence, instead of the active alerts alone. */
    void useAlertHistory(io.pilothouse.services.alerts.AlertLedger ledger, io.pilothouse.views.alerts.AlertActions
            actions, java.util.concurrent.Executor fx) {
        alertsVm.useHistory(ledger, actions, new io.pilothouse.views.tasks.Tasks(fx));
    }

    void dispose() {
        subscription.unsubscribe();
        slots.dispose();
        history.dispose();
        alerts.dispose();
        if (traffic != null) {
            traffic.dispose();
        }
        if (lagChart != null) {
            lagChart.dispose();
        }
    }
}
