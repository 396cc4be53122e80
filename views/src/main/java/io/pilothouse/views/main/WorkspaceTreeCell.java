package io.pilothouse.views.main;

import io.pilothouse.views.Tone;
import io.pilothouse.views.alerts.AlertPresentation;
import io.pilothouse.views.alerts.AlertStyles;
import javafx.scene.control.Tooltip;
import io.pilothouse.views.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** A workspace tree row: a source with an icon, or a cluster with its health dot, words and member count. */
final class WorkspaceTreeCell extends TreeCell<WorkspaceNode> {

    // Rows fit the tree's width (names ellipsize, health words stay) instead of growing a horizontal scroll bar:
    // the cell asks for no width of its own and stretches its graphic to whatever the tree gives it.
    @Override
    protected double computePrefWidth(double height) {
        return 0;
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        javafx.scene.Node g = getGraphic();
        if (g != null) {
            double w = getWidth() - snappedRightInset() - g.getLayoutX();
            g.resize(Math.max(0, w), g.getLayoutBounds().getHeight());
        }
    }

    /**
     * Repaints this row when the state of the cluster it shows changes. Weak, so a cell the tree discards (it
     * rebuilds its cells when rows come or go) is not kept alive, nor painted, by the row it showed last.
     */
    private final javafx.beans.value.ChangeListener<WorkspaceNode.Cluster> repaint = (obs, was, now) -> {
        if (getTreeItem() instanceof ClusterTreeItem row && row.stateProperty() == obs && !isEmpty()) {
            show(now, false);
        }
    };
    private final javafx.beans.value.WeakChangeListener<WorkspaceNode.Cluster> weakRepaint =
            new javafx.beans.value.WeakChangeListener<>(repaint);

    WorkspaceTreeCell() {
        // A cell can be handed another row without updateItem (same index, equal value): follow the row itself.
        treeItemProperty().addListener((obs, was, now) -> {
            if (was instanceof ClusterTreeItem old) {
                old.stateProperty().removeListener(weakRepaint);
            }
            if (now instanceof ClusterTreeItem row) {
                row.stateProperty().addListener(weakRepaint);
            }
        });
    }

    @Override
    protected void updateItem(WorkspaceNode item, boolean empty) {
        super.updateItem(item, empty);
        if (!empty && getTreeItem() instanceof ClusterTreeItem row) {
            show(row.state(), false);
            return;
        }
        show(item, empty);
    }

    private void show(WorkspaceNode item, boolean empty) {
        setText(null);
        getStyleClass().removeAll(Styles.TREE_SOURCE, Styles.TREE_CLUSTER);
        if (empty || item == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        if (item instanceof WorkspaceNode.Source s) {
            getStyleClass().add(Styles.TREE_SOURCE);
            FontIcon icon = new FontIcon(MaterialDesignS.SERVER_NETWORK);
            Label name = new Label(s.name());
            HBox box = new HBox(8, icon, name);
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
            setAccessibleText("source " + s.name());
        } else if (item instanceof WorkspaceNode.Cluster c) {
            getStyleClass().add(Styles.TREE_CLUSTER);
            setGraphic(clusterRow(c));
            setAccessibleText("cluster " + c.key().scope() + ", " + c.members() + " members"
                    + (c.health().label().isEmpty() ? ", healthy" : ", " + c.health().label())
                    + (c.alerts() == 0 ? "" : ", " + AlertPresentation.badgeDescription(c.alerts(), c.critical())));
        }
    }

    private static HBox clusterRow(WorkspaceNode.Cluster c) {
        Region dot = new Region();
        dot.getStyleClass().add(Styles.DOT);
        Styles.setTone(dot, c.health().tone());
        Label name = new Label(c.key().scope());
        // The name and the health words are what the row is for: both keep their width, and a narrow tree shortens
        // the alert badge instead (the Alerts tab lists them). "no leader" once hid the name entirely.
        name.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(8, dot, name, spacer);
        if (!c.health().label().isEmpty()) {
            // Colour is never the only signal: unhealthy rows say what is wrong.
            Label health = new Label(c.health().label());
            health.getStyleClass().addAll(Styles.CHIP, Styles.TREE_HEALTH_TEXT);
            health.setMinWidth(Region.USE_PREF_SIZE);
            Styles.setTone(health, c.health().tone());
            box.getChildren().add(health);
        }
        if (c.alerts() > 0) {
            // Count with the worst severity's icon (octagon critical, triangle warning): shape and number carry it,
            // the tone only adds to them; the words are in the tooltip and the accessible text.
            Label badge = new Label(Integer.toString(c.alerts()), new FontIcon(c.critical() > 0
                    ? org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_OCTAGON
                    : org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT));
            badge.getStyleClass().addAll(Styles.CHIP, AlertStyles.BADGE);
            badge.setGraphicTextGap(3);
            badge.setMinWidth(0);
            badge.setTooltip(new Tooltip(AlertPresentation.badgeDescription(c.alerts(), c.critical())));
            Styles.setTone(badge, c.critical() > 0 ? Tone.DANGER : Tone.WARN);
            box.getChildren().add(badge);
        }
        Label count = new Label(Integer.toString(c.members()));
        count.getStyleClass().addAll(Styles.TREE_COUNT, Styles.SUBTLE);
        count.setMinWidth(Region.USE_PREF_SIZE);
        box.getChildren().add(count);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
