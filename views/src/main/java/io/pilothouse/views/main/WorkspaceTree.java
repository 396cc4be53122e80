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

    /** Shows the estate's sources and clusters (alert badges as last given). */
    void show(EstateSnapshot e) {
        Map<String, List<ClusterSnapshot>> bySource = new LinkedHashMap<>();
        e.clusters().forEach(c -> bySource.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c));
        List<List<String>> newShape = new ArrayList<>();
        bySource.forEach((s, cs) -> {
            List<String> row = new ArrayList<>();
            row.add(s);
            cs.forEach(c -> row.add(c.scope()));
            newShape.add(row);
        });
        updating = true;
        try {
            if (newShape.equals(shape)) {
                updateInPlace(bySource);
            } else {
                rebuild(bySource);
                shape = newShape;
            }
        } finally {
            updating = false;
        }
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

    private void updateInPlace(Map<String, List<ClusterSnapshot>> bySource) {
        List<TreeItem<WorkspaceNode>> sources = view.getRoot().getChildren();
        int i = 0;
        for (Map.Entry<String, List<ClusterSnapshot>> s : bySource.entrySet()) {
            TreeItem<WorkspaceNode> sourceItem = sources.get(i++);
            if (alone(s.getKey(), s.getValue())) {
                setIfChanged(sourceItem, clusterNode(s.getValue().get(0)));
                continue;
            }
            setIfChanged(sourceItem, sourceNode(s.getKey()));
            for (int j = 0; j < s.getValue().size(); j++) {
                setIfChanged(sourceItem.getChildren().get(j), clusterNode(s.getValue().get(j)));
            }
        }
    }

    private void rebuild(Map<String, List<ClusterSnapshot>> bySource) {
        TreeItem<WorkspaceNode> selected = view.getSelectionModel().getSelectedItem();
        ClusterKey keep = selected != null && selected.getValue() instanceof WorkspaceNode.Cluster c ? c.key() : null;
        List<TreeItem<WorkspaceNode>> items = new ArrayList<>();
        bySource.forEach((source, clusters) -> {
            if (alone(source, clusters)) {
                items.add(new TreeItem<>(clusterNode(clusters.get(0))));
                return;
            }
            TreeItem<WorkspaceNode> s = new TreeItem<>(sourceNode(source));
            s.setExpanded(true);
            clusters.forEach(c -> s.getChildren().add(new TreeItem<>(clusterNode(c))));
            items.add(s);
        });
        view.getRoot().getChildren().setAll(items);
        if (keep != null) {
            TreeItem<WorkspaceNode> again = find(keep);
            if (again != null) {
                view.getSelectionModel().select(again);
            }
        }
    }

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

    private WorkspaceNode clusterNode(ClusterSnapshot c) {
        List<Alert> own = alerts.forCluster(c.source(), c.scope());
        int critical = (int) own.stream().filter(a -> a.severity() == AlertSeverity.CRITICAL).count();
        return new WorkspaceNode.Cluster(ClusterKey.of(c), ClusterHealth.of(c), c.members().size(), own.size(),
                critical);
    }

    private static void setIfChanged(TreeItem<WorkspaceNode> item, WorkspaceNode value) {
        if (!value.equals(item.getValue())) {
            item.setValue(value);
        }
    }

    private TreeItem<WorkspaceNode> find(ClusterKey key) {
        for (TreeItem<WorkspaceNode> s : view.getRoot().getChildren()) {
            if (s.getValue() instanceof WorkspaceNode.Cluster n && n.key().equals(key)) {
                return s;
            }
            for (TreeItem<WorkspaceNode> c : s.getChildren()) {
                if (c.getValue() instanceof WorkspaceNode.Cluster n && n.key().equals(key)) {
                    return c;
                }
            }
        }
        return null;
    }

    private void selected(TreeItem<WorkspaceNode> item) {
        if (!updating && item != null && item.getValue() instanceof WorkspaceNode.Cluster c) {
            onSelect.accept(c.key());
        }
    }
}
