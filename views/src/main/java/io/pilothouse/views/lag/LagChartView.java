package io.pilothouse.views.lag;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.ChartPlugin;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.YValueIndicator;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.metrics.LagSeriesSource;
import io.pilothouse.views.format.ByteSizeFormat;
import io.pilothouse.views.live.FramePulse;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Replication lag of one cluster over time: one line per replica for the chosen metric, live scrolling over
 * 5 min / 1 h / 24 h, zoom (drag, wheel) and pan (middle drag) through chart-fx's Zoomer, a dashed line at
 * {@code maximum_lag_on_failover} in byte metrics, and a vertical marker wherever the leader changed.
 *
 * <p>Reads the {@link LagSeriesSource} once per frame and only when its version, the window or the plot width
 * changed; data is decimated to the pixel width first, so a day of 1 Hz samples draws as fast as 5 minutes.
 * Zooming or panning leaves live mode; choosing a range (or "Live") returns to it. Call {@link #dispose()}
 * when the view is closed.
 */
public final class LagChartView extends BorderPane {

    private final LagSeriesSource source;
    private final String cluster;
    private final LongSupplier clock;
    private final LagChartData data;
    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("Time");
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis("Lag");
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    /**
     * Samples are recorded once a second: the chart looks for new ones twice a second, and draws at once after the
     * user's own changes (range, metric, zoom, width), with no frames in between.
     */
    private final FramePulse pulse = new FramePulse(n -> onFrame()).wakeEvery(SAMPLE_LOOK);
    private final ObjectProperty<LagRange> range = new SimpleObjectProperty<>(this, "range", LagRange.FIVE_MINUTES);
    private final ObjectProperty<LagMetric> metric = new SimpleObjectProperty<>(this, "metric",
            LagMetric.REPLAY_BYTES);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", true);
    private final Label status = new Label();
    private final List<ChartPlugin> markers = new ArrayList<>();

    private static final java.time.Duration SAMPLE_LOOK = java.time.Duration.ofMillis(500);
    private long drawnVersion = Long.MIN_VALUE;
    private int drawnWidth;
    private boolean dirty = true;
    private boolean settingAxis;
    private long[] drawnChanges = new long[0];
    private OptionalLong drawnThreshold = OptionalLong.empty();
    private AxisScale drawnScale;

    /**
     * @param source  recorded lag series (e.g. the app's {@code LagHistory})
     * @param cluster cluster id as recorded ({@code LagHistory.clusterId(snapshot)})
     * @param clock   epoch milliseconds; the live window ends here
     */
    public LagChartView(LagSeriesSource source, String cluster, LongSupplier clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.data = new LagChartData(source, cluster);
        getStyleClass().add(LagStyles.VIEW);
        setTop(LagToolbar.build(cluster, metric, range, status, this::goLive));
        setCenter(buildChart());
        range.subscribe(r -> goLive());
        metric.subscribe(m -> {
            applyUnit(m);
            invalidate();
        });
        pulse.start();
    }

    /** A view on the wall clock. */
    public LagChartView(LagSeriesSource source, String cluster) {
        this(source, cluster, System::currentTimeMillis);
    }

    /** The time window shown in live mode. */
    public ObjectProperty<LagRange> rangeProperty() {
        return range;
    }

    /** The metric drawn, one line per replica. */
    public ObjectProperty<LagMetric> metricProperty() {
        return metric;
    }

    /** True while the window follows the newest samples; false after a zoom or pan. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** The chart-fx chart (tests and screenshots inspect its axes and data sets). */
    public XYChart chart() {
        return chart;
    }

    /** Draws now instead of waiting for the next frame (offscreen rendering has no pulses). */
    public void refreshNow() {
        dirty = true;
        onFrame();
    }

    /**
     * Whether the chart is on screen: a hidden chart keeps no frame timer (a lag sample of any cluster moves the
     * source's version, and the chart would redraw for no one); shown again, it draws at its next frame.
     */
    public void setActive(boolean onScreen) {
        if (onScreen) {
            dirty = true;
            pulse.start();
        } else {
            pulse.stop();
        }
    }

    /** Stops the frame timer; the view reads nothing afterwards. */
    public void dispose() {
        pulse.stop();
    }

    private XYChart buildChart() {
        chart.getStyleClass().add(LagStyles.CHART);
        chart.setLegendVisible(true);
        chart.setToolBarPinned(false);
        renderer.setDrawMarker(false);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPointReduction(false); // we already decimated, preserving extremes
        chart.getRenderers().setAll(renderer);
        // chart-fx prints "Name [unit]"; our tick labels carry the unit, so no brackets.
        xAxis.setUnit(null);
        yAxis.setUnit(null);
        xAxis.setMinorTickCount(0);
        yAxis.setMinorTickCount(0);
        xAxis.setAutoRanging(false);
        xAxis.setTimeAxis(true); // round time ticks (x values are epoch seconds)
        yAxis.setAutoRanging(false); // 0 to the top of the data (or the threshold), set per frame

        Zoomer zoomer = new Zoomer();
        zoomer.setSliderVisible(false);
        zoomer.setAddButtonsToToolBar(false);
        chart.getPlugins().add(zoomer);
        // A change of the x range we did not make is the user zooming or panning: stop following.
        xAxis.minProperty().addListener((o, a, b) -> userMovedAxis());
        xAxis.maxProperty().addListener((o, a, b) -> userMovedAxis());
        chart.getCanvas().widthProperty().addListener((o, a, b) -> invalidate());
        return chart;
    }

    private void userMovedAxis() {
        if (!settingAxis) {
            live.set(false);
            invalidate();
        }
    }

    private void goLive() {
        live.set(true);
        invalidate();
    }

    /** Something drawn moved: draw in the next pulse. */
    private void invalidate() {
        dirty = true;
        pulse.wake();
    }

    private void applyUnit(LagMetric m) {
        drawnScale = null; // re-label the axis and re-place the markers for the new unit
    }

    private void onFrame() {
        long version = source.version();
        int width = Math.max(1, (int) chart.getCanvas().getWidth());
        if (!dirty && version == drawnVersion && width == drawnWidth) {
            return;
        }
        if (data.locked()) {
            // Still read-locked by an out-of-pulse layout: draw on a later frame (nothing is marked drawn).
            pulse.wake();
            return;
        }
        long to;
        long from;
        if (live.get()) {
            to = source.latestTime(cluster).orElse(clock.getAsLong());
            from = to - range.get().span().toMillis();
            setAxis(from, to);
        } else {
            from = Math.round(xAxis.getMin() * 1000);
            to = Math.round(xAxis.getMax() * 1000);
        }
        List<DoubleDataSet> sets = data.dataSets();
        if (!renderer.getDatasets().equals(sets)) {
            renderer.getDatasets().setAll(sets);
        }
        int expected = (int) Math.min(Integer.MAX_VALUE - 8, (to - from) / 1000 + 2);
        OptionalLong threshold = metric.get().unit() == LagMetric.Unit.BYTES
                ? source.maximumLagOnFailover(cluster) : OptionalLong.empty();
        AxisScale scale = data.refresh(metric.get(), from, to, width, Math.min(expected, 86_402),
                threshold.orElse(0));
        applyScale(scale);
        // Lag is never negative; all-zero lag still gets a readable axis of one unit.
        yAxis.set(0, Math.max(data.top() / scale.divisor(), 1) * 1.1);
        updateMarkers(from, to, threshold, scale);
        status.setText(live.get() ? "Live" : "Paused · pick a range to follow live");
        drawnVersion = version;
        drawnWidth = width;
        dirty = false;
    }

    private void setAxis(long from, long to) {
        settingAxis = true;
        try {
            xAxis.set(from / 1000.0, to / 1000.0);
        } finally {
            settingAxis = false;
        }
    }

    /** Re-creates indicator plugins only when the threshold or the set of leader changes differ. */
    private void updateMarkers(long from, long to, OptionalLong threshold, AxisScale scale) {
        long[] changes = source.leaderChanges(cluster, from - 86_400_000L, to);
        if (Arrays.equals(changes, drawnChanges) && threshold.equals(drawnThreshold) && scale.equals(drawnScale)
                && markers.isEmpty() != hasMarkers(changes, threshold)) {
            return;
        }
        chart.getPlugins().removeAll(markers);
        markers.clear();
        threshold.ifPresent(t -> {
            YValueIndicator line = StyledIndicators.horizontal(yAxis, t / scale.divisor(),
                    "maximum_lag_on_failover " + ByteSizeFormat.format(t), LagStyles.THRESHOLD);
            markers.add(line);
        });
        for (long c : changes) {
            XValueIndicator marker = StyledIndicators.vertical(xAxis, c / 1000.0, "leader changed",
                    LagStyles.LEADER_CHANGE);
            markers.add(marker);
        }
        chart.getPlugins().addAll(markers);
        drawnChanges = changes;
        drawnThreshold = threshold;
        drawnScale = scale;
    }

    private void applyScale(AxisScale scale) {
        if (!scale.equals(drawnScale)) {
            yAxis.setName(metric.get().label() + " (" + scale.suffix() + ")");
        }
    }

    private static boolean hasMarkers(long[] changes, OptionalLong threshold) {
        return changes.length > 0 || threshold.isPresent();
    }
}
