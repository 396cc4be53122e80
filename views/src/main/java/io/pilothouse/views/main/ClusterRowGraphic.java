package io.pilothouse.views.main;

import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import io.pilothouse.views.alerts.AlertPresentation;
import io.pilothouse.views.alerts.AlertStyles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * The graphic of a cluster row: health dot, name, health words, alert badge, member count. Made once per cell and
 * changed in place: a row that changes (or a reorder, which hands every visible cell another row) then costs a few
 * texts and pseudo-classes instead of new nodes and a CSS pass over them.
 */
final class ClusterRowGraphic {

    private final HBox box = new HBox(8);
    private final Region dot = new Region();
    private final Label name = new Label();
    private final Label health = new Label();
    private final FontIcon badgeIcon = new FontIcon(MaterialDesignA.ALERT);
    private final Label badge = new Label("", badgeIcon);
    private final Tooltip badgeTip = new Tooltip();
    private final Label count = new Label();

    ClusterRowGraphic() {
        dot.getStyleClass().add(Styles.DOT);
        // The name and the health words are what the row is for: both keep their width, and a narrow tree shortens
        // the alert badge instead (the Alerts tab lists them). "no leader" once hid the name entirely.
        name.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        health.getStyleClass().addAll(Styles.CHIP, Styles.TREE_HEALTH_TEXT);
        health.setMinWidth(Region.USE_PREF_SIZE);
        badge.getStyleClass().addAll(Styles.CHIP, AlertStyles.BADGE);
        badge.setGraphicTextGap(3);
        badge.setMinWidth(0);
        badge.setTooltip(badgeTip);
        count.getStyleClass().addAll(Styles.TREE_COUNT, Styles.SUBTLE);
        count.setMinWidth(Region.USE_PREF_SIZE);
        box.getChildren().addAll(dot, name, spacer, health, badge, count);
        box.setAlignment(Pos.CENTER_LEFT);
    }

    HBox root() {
        return box;
    }

    /** Shows {@code c}. */
    void show(WorkspaceNode.Cluster c) {
        Styles.setTone(dot, c.health().tone());
        name.setText(c.key().scope());
        // Colour is never the only signal: unhealthy rows say what is wrong.
        boolean unhealthy = !c.health().label().isEmpty();
        shown(health, unhealthy);
        if (unhealthy) {
            health.setText(c.health().label());
            Styles.setTone(health, c.health().tone());
        }
        // Count with the worst severity's icon (octagon critical, triangle warning): shape and number carry it, the
        // tone only adds to them; the words are in the tooltip and the accessible text.
        shown(badge, c.alerts() > 0);
        if (c.alerts() > 0) {
            badge.setText(Integer.toString(c.alerts()));
            badgeIcon.setIconCode(c.critical() > 0 ? MaterialDesignA.ALERT_OCTAGON : MaterialDesignA.ALERT);
            badgeTip.setText(AlertPresentation.badgeDescription(c.alerts(), c.critical()));
            Styles.setTone(badge, c.critical() > 0 ? Tone.DANGER : Tone.WARN);
        }
        count.setText(Integer.toString(c.members()));
    }

    private static void shown(Region node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    /** The texts shown, in order, for tests: name, health words (if any), badge (if any), count. */
    String describe() {
        StringBuilder s = new StringBuilder(name.getText());
        if (health.isVisible()) {
            s.append(' ').append(health.getText());
        }
        if (badge.isVisible()) {
            s.append(' ').append(badge.getText());
        }
        return s.append(' ').append(count.getText()).toString();
    }
}
