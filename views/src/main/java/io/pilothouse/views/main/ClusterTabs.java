package io.pilothouse.views.main;

import io.pilothouse.services.history.EstateHistory;
import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.services.live.EstateSnapshot;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.views.history.HistoryView;
import io.pilothouse.views.history.HistoryViewModel;
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
 * The centre of the main window: one tab per way of looking at the selected cluster (topology, slots, history).
 * Feeds the slots and history view models from the snapshot the frame timer applied, so they refresh at most once
 * per frame and only with data the feed already holds (no I/O here).
 */
final class ClusterTabs {

    /** The tabs, in order; their names are also the {@code screenshot --view} names. */
    enum Pane { TOPOLOGY, SLOTS, HISTORY }

    private final TabPane tabs = new TabPane();
    private final SlotsViewModel slotsVm;
    private final SlotsView slots;
    private final HistoryViewModel historyVm;
    private final HistoryView history;
    private final EstateHistory estateHistory;
    private final Clock clock;
    private final Subscription subscription;

    ClusterTabs(MainViewModel vm, Node topology, EstateHistory estateHistory, Clock clock) {
        this.estateHistory = estateHistory;
        this.clock = clock;
        slotsVm = new SlotsViewModel(clock.getZone());
        slots = new SlotsView(slotsVm);
        historyVm = new HistoryViewModel(clock.getZone());
        history = new HistoryView(historyVm);
        tabs.getTabs().setAll(tab("Topology", topology), tab("Slots", slots.root()), tab("History", history.root()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        subscription = vm.estateProperty().subscribe(e -> apply(e, vm.selectedClusterProperty().get()))
                .and(vm.selectedClusterProperty().subscribe(k -> apply(vm.estateProperty().get(), k)));
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase());
        return t;
    }

    private void apply(EstateSnapshot estate, ClusterKey key) {
        Optional<ClusterSnapshot> cluster = estate == null || key == null ? Optional.empty()
                : estate.cluster(key.source(), key.scope());
        slotsVm.setData(cluster.map(ClusterSnapshot::slots).orElse(List.of()),
                cluster.map(ClusterSnapshot::leader).orElse(null), clock.instant());
        List<HistoryEntry> entries = key == null || estateHistory == null ? List.of()
                : estateHistory.find(key.source(), key.scope()).map(h -> h.entries()).orElse(List.of());
        historyVm.setData(key == null ? null : key.scope(), entries);
    }

    Node root() {
        return tabs;
    }

    /** Brings a pane to the front (keyboard: Ctrl+Tab also cycles). */
    void show(Pane pane) {
        tabs.getSelectionModel().select(pane.ordinal());
    }

    void dispose() {
        subscription.unsubscribe();
        slots.dispose();
        history.dispose();
    }
}
