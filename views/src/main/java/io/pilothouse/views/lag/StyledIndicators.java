package io.pilothouse.views.lag;

import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.YValueIndicator;

/**
 * chart-fx value indicators that keep a style class of ours: chart-fx resets their nodes' style classes on every
 * update, so a class added once from outside would be lost and the lines would fall back to black and yellow.
 */
final class StyledIndicators {

    private StyledIndicators() {
    }

    /** A read-only horizontal line. */
    static YValueIndicator horizontal(Axis axis, double value, String text, String styleClass) {
        YValueIndicator line = new YValueIndicator(axis, value, text) {
            @Override
            public void updateStyleClass() {
                super.updateStyleClass();
                addClass(this.getChartChildren(), styleClass);
            }
        };
        line.editableIndicatorProperty().set(false);
        // Label above the line, not struck through by it.
        line.setLabelVerticalAnchor(javafx.geometry.VPos.BOTTOM);
        line.setLabelPosition(0.9);
        line.updateStyleClass();
        return line;
    }

    /** A read-only vertical line. */
    static XValueIndicator vertical(Axis axis, double value, String text, String styleClass) {
        XValueIndicator line = new XValueIndicator(axis, value, text) {
            @Override
            public void updateStyleClass() {
                super.updateStyleClass();
                addClass(this.getChartChildren(), styleClass);
            }
        };
        line.editableIndicatorProperty().set(false);
        line.updateStyleClass();
        return line;
    }

    private static void addClass(java.util.List<javafx.scene.Node> nodes, String styleClass) {
        for (javafx.scene.Node n : nodes) {
            if (!n.getStyleClass().contains(styleClass)) {
                n.getStyleClass().add(styleClass);
            }
        }
    }
}
