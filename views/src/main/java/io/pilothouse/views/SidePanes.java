package io.pilothouse.views;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;
import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * A split pane with optional side panes around its centre (the main window: workspace tree, cluster panes, member
 * details; the audit and in-doubt windows: table and details). Either side can be hidden (the app may remember the
 * choice), and the right one also stays out of the way while it has nothing to show (no member or row selected),
 * so an empty pane never takes 300–450 px from the tables. Side panes keep their width when the window is resized,
 * and a pane that comes back gets the width it had.
 */
public final class SidePanes {


    private final SplitPane split;
    private final Region left;
    private final Node centre;
    private final Region right;
    private final BooleanProperty leftShown = new SimpleBooleanProperty(this, "leftShown", true);
    private final BooleanProperty rightShown = new SimpleBooleanProperty(this, "rightShown", true);
    private final ObservableValue<Boolean> rightHasContent;
    private final Subscription subscriptions;
    private double leftWidth;
    private double rightWidth;
    private boolean placed;

    /**
     * @param left            the left pane, or null for none
     * @param leftWidth       its width at first
     * @param right           the right pane
     * @param rightWidth      its width at first
     * @param rightHasContent whether the right pane has something to show now
     */
    public SidePanes(Region left, double leftWidth, Node centre, Region right, double rightWidth,
                     ObservableValue<Boolean> rightHasContent) {
        this.left = left;
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
        this.centre = centre;
        this.right = right;
        this.rightHasContent = rightHasContent;
        split = new SplitPane();
        if (left != null) {
            SplitPane.setResizableWithParent(left, false);
        }
        SplitPane.setResizableWithParent(right, false);
        subscriptions = leftShown.subscribe(s -> arrange())
                .and(rightShown.subscribe(s -> arrange()))
                .and(rightHasContent.subscribe(s -> arrange()))
                .and(split.widthProperty().subscribe(w -> {
                    // Once, when the window first has a width; afterwards the split pane keeps the side panes' widths.
                    if (!placed && w.doubleValue() > 0) {
                        placed = true;
                        placeDividers();
                    }
                }));
    }

    public SplitPane root() {
        return split;
    }

    /** Whether the left pane is shown. */
    public BooleanProperty leftShownProperty() {
        return leftShown;
    }

    /** Whether the right pane is shown (when it has something to show). */
    public BooleanProperty rightShownProperty() {
        return rightShown;
    }

    public void dispose() {
        subscriptions.unsubscribe();
    }

    private boolean rightVisible() {
        return rightShown.get() && Boolean.TRUE.equals(rightHasContent.getValue());
    }

    private void arrange() {
        // Keep the widths the user dragged to before a pane leaves.
        if (left != null && split.getItems().contains(left) && left.getWidth() > 0) {
            leftWidth = left.getWidth();
        }
        if (split.getItems().contains(right) && right.getWidth() > 0) {
            rightWidth = right.getWidth();
        }
        List<Node> items = new ArrayList<>();
        if (left != null && leftShown.get()) {
            items.add(left);
        }
        items.add(centre);
        if (rightVisible()) {
            items.add(right);
        }
        if (!items.equals(split.getItems())) {
            split.getItems().setAll(items);
            placeDividers();
        }
    }

    private void placeDividers() {
        double w = split.getWidth() > 0 ? split.getWidth() : 1440;
        boolean l = left != null && split.getItems().contains(left);
        boolean r = split.getItems().contains(right);
        if (l && r) {
            split.setDividerPositions(leftWidth / w, 1 - rightWidth / w);
        } else if (l) {
            split.setDividerPositions(leftWidth / w);
        } else if (r) {
            split.setDividerPositions(1 - rightWidth / w);
        }
    }
}
