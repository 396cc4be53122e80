package io.pilothouse.views.topology;

import io.pilothouse.views.Styles;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;

/**
 * The line from an upstream card to a replica card, drawn as an elbow (down, across, down) so lines never
 * cross cards, with a label on the replica's leg: sync state and lag. Style class {@link Styles#EDGE};
 * pseudo-classes {@code :sync}, {@code :quorum}, {@code :stale}, {@code :danger} (no leader to stream from).
 */
final class ReplicationEdge extends Group {

    private final Path line = new Path();
    private final Label label = new Label();

    ReplicationEdge() {
        getStyleClass().add(Styles.EDGE);
        line.getStyleClass().add(Styles.EDGE_LINE);
        label.getStyleClass().add(Styles.EDGE_LABEL);
        // The label must not steal clicks meant for the cards or focus from the keyboard user.
        setMouseTransparent(true);
        setFocusTraversable(false);
        getChildren().addAll(line, label);
    }

    /** The label text, or null for a bare line. */
    void setText(String text) {
        label.setText(text);
        label.setVisible(text != null);
    }

    String getText() {
        return label.getText();
    }

    /**
     * Routes the edge.
     *
     * @param x1   upstream card's bottom centre
     * @param y1   upstream card's bottom
     * @param x2   replica card's top centre
     * @param y2   replica card's top
     * @param busY height of the horizontal segment shared by siblings
     */
    void route(double x1, double y1, double x2, double y2, double busY) {
        line.getElements().setAll(new MoveTo(x1, y1), new LineTo(x1, busY), new LineTo(x2, busY), new LineTo(x2, y2));
        if (label.isVisible()) {
            double w = label.prefWidth(-1);
            double h = label.prefHeight(w);
            label.resizeRelocate(Math.round(x2 - w / 2), Math.round((busY + y2) / 2 - h / 2), w, h);
        }
    }
}
