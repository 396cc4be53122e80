package io.pilothouse.views.main;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.views.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The workspace tree: sources, and under each its clusters with a health dot. Rows are updated in place when
 * only health changes, and rebuilt when clusters come or go, keeping the selection. Keyboard navigable as any
 * {@link TreeView}.
 */
final class WorkspaceTree {

    private final TreeView<WorkspaceNode> view = new TreeView<>(new TreeItem<>());
    private final Consumer<ClusterKey> onSelect;
    private final Subscription subscription;
    private List<List<String>> shape = List.of();
    private java.util.Set<ClusterKey> shownKeys = java.util.Set.of();
    private Map<ClusterKey, Row> lastRows = Map.of();

    /** A row's node and what it was made from. */
    private record Row(ClusterSnapshot cluster, List<Alert> alerts, WorkspaceNode.Cluster node) {
    }
    private boolean updating;
    private ActiveAlerts alerts = ActiveAlerts.NONE;

    /** @param onSelect called when the user selects a cluster row */
    WorkspaceTree(Consumer<ClusterKey> onSelect) {
        this.onSelect = onSelect;
        view.setShowRoot(false);
        view.setCellFactory(t -> new WorkspaceTreeCell());
        subscription = view.getSelectionModel().selectedItemProperty().subscribe(this::selected);
    }

    /** The tree under its "WORKSPACE" title, as the main window's left pane. */
    VBox sidebar() {
        Label title = new Label("WORKSPACE");
        title.getStyleClass().add(Styles.SIDEBAR_TITLE);
        view.getStyleClass().add(Styles.WORKSPACE_TREE);
        VBox sidebar = new VBox(title, view);
        sidebar.getStyleClass().add(Styles.SIDEBAR);
        VBox.setVgrow(view, Priority.ALWAYS);
        sidebar.setMinWidth(220);
        return sidebar;
    }

    TreeView<WorkspaceNode> view() {
        return view;
    }

    void dispose() {
        subscription.unsubscribe();
    }

    /** Shows the estate's sources and clusters, with a badge on clusters that have active alerts. */
    void show(EstateSnapshot e, ActiveAlerts active) {
        this.alerts = active == null ? ActiveAlerts.NONE : active;
        show(e);
    }

    /**
     * Shows the estate's sources and clusters (alert badges as last given), worst first ({@link TroubleOrder}). Rows
     * change in place; the rows are rebuilt when clusters come or go, and reordered when their trouble order changed,
     * at most once per {@link #REORDER_EVERY_NANOS} so a flapping cluster does not make the tree jump every frame.
     */
    void show(EstateSnapshot e) {
        // Alerts grouped once per estate, not searched once per cluster (500 clusters x 500 alerts per snapshot).
        Map<ClusterKey, List<Alert>> alertsOf = new java.util.HashMap<>();
        alerts.alerts().forEach(a -> alertsOf.computeIfAbsent(new ClusterKey(a.source(), a.cluster()),
                k -> new ArrayList<>()).add(a));
        Map<String, List<WorkspaceNode.Cluster>> bySource = new LinkedHashMap<>();
        Map<ClusterKey, Row> rows = new java.util.HashMap<>(e.clusters().size() * 2);
        boolean moved = reorderPending || e.clusters().size() != lastRows.size();
        for (ClusterSnapshot c : e.clusters()) {
            ClusterKey key = ClusterKey.of(c);
            List<Alert> own = alertsOf.getOrDefault(key, List.of());
            Row before = lastRows.get(key);
            // The live model keeps a cluster's snapshot object while it does not change: reuse its row then.
            Row row = before != null && before.cluster() == c && before.alerts().equals(own) ? before
                    : new Row(c, own, clusterNode(c, own));
            moved |= before == null || !before.node().equals(row.node());
            rows.put(key, row);
            bySource.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(row.node());
        }
        lastRows = rows;
        if (!moved) {
            // Every row says what it said (an estate republished for its clocks): nothing to sort, move or redraw.
            return;
        }
        bySource.values().forEach(cs -> cs.sort(TroubleOrder.WORST_FIRST));
        List<List<String>> newShape = new ArrayList<>();
        bySource.forEach((s, cs) -> {
            List<String> row = new ArrayList<>();
            row.add(s);
            cs.forEach(c -> row.add(c.key().scope()));
            newShape.add(row);
        });
        updating = true;
        try {
            long now = nanoClock.getAsLong();
            boolean sameClusters = rows.keySet().equals(shownKeys);
            if (newShape.equals(shape) || (sameClusters && now - reorderedAt < REORDER_EVERY_NANOS)) {
                updateInPlace(bySource);
                reorderPending = !newShape.equals(shape);
            } else {
                reorderPending = false;
                rebuild(bySource);
                shape = newShape;
                shownKeys = rows.keySet();
                reorderedAt = now;
            }
        } finally {
            updating = false;
        }
    }

    /** Reorders rows at most this often (a rebuild when clusters come or go is never held back). */
    static final long REORDER_EVERY_NANOS = 2_000_000_000L;
    private long reorderedAt = Long.MIN_VALUE / 2;
    /** A reorder was held back (see {@link #REORDER_EVERY_NANOS}): the next estate does it even if no row moved. */
    private boolean reorderPending;
    private java.util.function.LongSupplier nanoClock = System::nanoTime;

    /** For tests: the clock that paces reordering. */
    void nanoClock(java.util.function.LongSupplier clock) {
        this.nanoClock = clock;
    }

    /** Reflects the view model's selection without calling back. */
    void select(ClusterKey key) {
        TreeItem<WorkspaceNode> item = find(key);
        if (item != null && view.getSelectionModel().getSelectedItem() != item) {
            updating = true;
            try {
                view.getSelectionModel().select(item);
            } finally {
                updating = false;
            }
        }
    }

    private void updateInPlace(Map<String, List<WorkspaceNode.Cluster>> bySource) {
        for (List<WorkspaceNode.Cluster> clusters : bySource.values()) {
            for (WorkspaceNode.Cluster c : clusters) {
                ClusterTreeItem item = items.get(c.key());
                if (item != null) {
                    item.update(c);
                }
            }
        }
    }

    private void rebuild(Map<String, List<WorkspaceNode.Cluster>> bySource) {
        TreeItem<WorkspaceNode> selected = view.getSelectionModel().getSelectedItem();
        ClusterKey keep = selected instanceof ClusterTreeItem c ? c.key() : null;
        Map<ClusterKey, ClusterTreeItem> old = items;
        items = new java.util.HashMap<>();
        List<TreeItem<WorkspaceNode>> rows = new ArrayList<>();
        bySource.forEach((source, clusters) -> {
            if (clusters.size() == 1 && clusters.get(0).key().scope().equals(source)) {
                rows.add(item(old, clusters.get(0)));
                return;
            }
            TreeItem<WorkspaceNode> s = sourceItems.computeIfAbsent(source, n -> new TreeItem<>(sourceNode(n)));
            s.setExpanded(true);
            List<TreeItem<WorkspaceNode>> children = new ArrayList<>();
            clusters.forEach(c -> children.add(item(old, c)));
            s.getChildren().setAll(children);
            rows.add(s);
        });
        sourceItems.keySet().retainAll(bySource.keySet());
        view.getRoot().getChildren().setAll(rows);
        if (keep != null) {
            TreeItem<WorkspaceNode> again = find(keep);
            if (again != null) {
                view.getSelectionModel().select(again);
            }
        }
    }

    /** The row of {@code c}: the one it had (kept across reorders), updated, or a new one. */
    private ClusterTreeItem item(Map<ClusterKey, ClusterTreeItem> old, WorkspaceNode.Cluster c) {
        ClusterTreeItem item = old.get(c.key());
        if (item == null) {
            item = new ClusterTreeItem(c);
        } else {
            item.update(c);
        }
        items.put(c.key(), item);
        return item;
    }

    private Map<ClusterKey, ClusterTreeItem> items = new java.util.HashMap<>();
    private final Map<String, TreeItem<WorkspaceNode>> sourceItems = new java.util.HashMap<>();

    /**
     * A source whose only cluster bears its name (the sandbox's {@code demo} source and {@code demo} cluster) is
     * shown as the cluster alone: "demo ▸ demo" says nothing twice.
     */
    static boolean alone(String source, List<ClusterSnapshot> clusters) {
        return clusters.size() == 1 && clusters.get(0).scope().equals(source);
    }

    private static WorkspaceNode sourceNode(String source) {
        return new WorkspaceNode.Source(source);
    }

    private static WorkspaceNode.Cluster clusterNode(ClusterSnapshot c, List<Alert> own) {
        int critical = (int) own.stream().filter(a -> a.severity() == AlertSeverity.CRITICAL).count();
        return new WorkspaceNode.Cluster(ClusterKey.of(c), ClusterHealth.of(c), c.members().size(), own.size(),
                critical);
    }

    private TreeItem<WorkspaceNode> find(ClusterKey key) {
        return items.get(key);
    }

    private void selected(TreeItem<WorkspaceNode> item) {
        if (!updating && item instanceof ClusterTreeItem c) {
            onSelect.accept(c.key());
        }
    }
}
