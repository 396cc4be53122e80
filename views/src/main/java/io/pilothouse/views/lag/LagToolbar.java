package io.pilothouse.views.lag;

import io.pilothouse.services.metrics.LagMetric;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The lag chart's toolbar: which cluster, how fresh, which metric, which time range. */
final class LagToolbar {

    private LagToolbar() {
    }

    /**
     * The toolbar: the title, {@code status}, the metric box bound to {@code metric} and the range buttons bound to
     * {@code range}; pressing a range (even the selected one) runs {@code goLive}.
     */
    static HBox build(String cluster, ObjectProperty<LagMetric> metric, ObjectProperty<LagRange> range, Label status,
                      Runnable goLive) {
        ToggleGroup rangeGroup = new ToggleGroup();
        Label title = new Label("Replication lag · " + cluster);
        title.getStyleClass().add(LagStyles.TITLE);
        ComboBox<LagMetric> metricBox = new ComboBox<>(FXCollections.observableArrayList(LagMetric.values()));
        metricBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(LagMetric m) {
                return m == null ? "" : m.label() + (m.unit() == LagMetric.Unit.BYTES ? " (bytes)" : " (s)");
            }

            @Override
            public LagMetric fromString(String s) {
                return null;
            }
        });
        metricBox.valueProperty().bindBidirectional(metric);
        metricBox.setAccessibleText("Lag metric");
        HBox ranges = new HBox();
        ranges.getStyleClass().add("segmented");
        for (LagRange r : LagRange.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setUserData(r);
            b.setToggleGroup(rangeGroup);
            b.setFocusTraversable(true);
            b.setAccessibleText("Show the last " + r.label());
            // Re-pressing the selected range returns to live mode instead of deselecting it.
            b.setOnAction(e -> {
                b.setSelected(true);
                range.set(r);
                goLive.run();
            });
            ranges.getChildren().add(b);
        }
        range.subscribe(r -> rangeGroup.getToggles().forEach(t -> t.setSelected(t.getUserData() == r)));
        status.getStyleClass().add(LagStyles.STATUS);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, status, metricBox, ranges);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(LagStyles.TOOLBAR);
        return bar;
    }
}
