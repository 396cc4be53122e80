package io.pilothouse.views.activity;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

import java.util.ArrayList;
import java.util.List;

/**
 * A small line of recent values, no axes: the shape of the last minute or so, scaled to its own maximum. Its line
 * is styled by {@link ActivityStyles#SPARKLINE_LINE}. FX thread.
 */
public final class Sparkline extends Region {

    private final Polyline line = new Polyline();
    private List<Double> values = List.of();

    public Sparkline() {
        getStyleClass().add(ActivityStyles.SPARKLINE);
        line.getStyleClass().add(ActivityStyles.SPARKLINE_LINE);
        line.setManaged(false);
        getChildren().add(line);
        setPrefSize(120, 28);
        setMinSize(60, 20);
    }

    /** Shows {@code values}, oldest first. */
    public void setValues(List<Double> values) {
        this.values = List.copyOf(values);
        requestLayout();
    }

    /** The values shown. */
    public List<Double> values() {
        return values;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        List<Double> points = new ArrayList<>();
        if (values.size() >= 2 && w > 0 && h > 0) {
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double scale = max <= 0 ? 0 : (h - 2) / max;
            for (int i = 0; i < values.size(); i++) {
                points.add(snappedLeftInset() + w * i / (values.size() - 1));
                points.add(snappedTopInset() + h - 1 - values.get(i) * scale);
            }
        }
        line.getPoints().setAll(points);
    }
}
