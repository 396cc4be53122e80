package io.pilothouse.views.main;

import io.pilothouse.views.alerts.AlertPresentation;
import io.pilothouse.views.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
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

    /**
     * Stretches the graphic by giving it the width as its preferred width, which the skin then lays it out at. It
     * used to be resized after the skin had laid it out at its own preferred width: every layout changed its width
     * twice, each change asked for another layout, and the tree laid out every visible cell again in every frame
     * (60 layouts a second with nothing changing; a quarter of a core on an idle estate of 500 clusters).
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (getGraphic() instanceof Region g) {
            double w = Math.max(0, getWidth() - snappedRightInset() - g.getLayoutX());
            if (g.getPrefWidth() != w) {
                g.setPrefWidth(w);
                g.resize(w, g.getLayoutBounds().getHeight());
            }
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

    private ClusterRowGraphic clusterRow;
    private WorkspaceNode.Source sourceShown;
    private HBox sourceRow;

    private void show(WorkspaceNode item, boolean empty) {
        setText(null);
        if (empty || item == null) {
            styleAs(null);
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        if (item instanceof WorkspaceNode.Source s) {
            styleAs(Styles.TREE_SOURCE);
            if (!s.equals(sourceShown)) {
                sourceShown = s;
                FontIcon icon = new FontIcon(MaterialDesignS.SERVER_NETWORK);
                sourceRow = new HBox(8, icon, new Label(s.name()));
                sourceRow.setAlignment(Pos.CENTER_LEFT);
            }
            setGraphic(sourceRow);
            setAccessibleText("source " + s.name());
        } else if (item instanceof WorkspaceNode.Cluster c) {
            styleAs(Styles.TREE_CLUSTER);
            if (clusterRow == null) {
                clusterRow = new ClusterRowGraphic();
            }
            clusterRow.show(c);
            setGraphic(clusterRow.root());
            setAccessibleText("cluster " + c.key().scope() + ", " + c.members() + " members"
                    + (c.health().label().isEmpty() ? ", healthy" : ", " + c.health().label())
                    + (c.alerts() == 0 ? "" : ", " + AlertPresentation.badgeDescription(c.alerts(), c.critical())));
        }
    }

    /** Sets the row's kind, touching the style classes only when it changes (a change re-applies CSS to the row). */
    private void styleAs(String kind) {
        for (String k : new String[] {Styles.TREE_SOURCE, Styles.TREE_CLUSTER}) {
            boolean has = getStyleClass().contains(k);
            if (k.equals(kind) && !has) {
                getStyleClass().add(k);
            } else if (!k.equals(kind) && has) {
                getStyleClass().remove(k);
            }
        }
    }
}
