package io.pilothouse.bench;

import io.pilothouse.app.fx.FxToolkit;
import io.pilothouse.services.metrics.Decimator;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.metrics.SyntheticLag;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.lag.LagChartView;
import io.pilothouse.views.lag.LagRange;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Lag chart benchmark, headless (Monocle, software rendering). Prints figures; asserts nothing.
 *
 * <ol>
 *   <li>8 series × 86,400 points (a day at 1 Hz) in the real {@link LagChartView} (chart-fx, decimated per pixel
 *       column): time per redraw while panning (copy from the ring buffers + decimate + chart-fx layout + canvas
 *       + rasterising a 1400×700 snapshot), p50/p95 over 200 redraws;</li>
 *   <li>the same data in JavaFX's {@code LineChart}: decimated the same way, and undecimated (capped: a few
 *       redraws and a time budget, because it builds one node per point);</li>
 *   <li>CPU of 1 Hz ingest for 30 synthetic replicas (every {@link LagMetric}, into a {@link LagHistory}):
 *       ThreadMXBean CPU time of the ingest thread / wall time, over 30 s.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -Pbench -pl bench -am -DskipTests verify -Dbench.main=io.pilothouse.bench.LagChartBench
 * -Dbench.args="200 30"} (redraws, ingest seconds).
 */
public final class LagChartBench {

    private static final String CLUSTER = "bench";
    private static final int SERIES = 8;
    private static final int POINTS = 86_400;
    private static final double W = 1400;
    private static final double H = 700;

    private LagChartBench() {
    }

    public static void main(String[] args) throws Exception {
        int redraws = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int ingestSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        FxToolkit.startHeadless();
        long end = System.currentTimeMillis();
        List<String> replicas = IntStream.rangeClosed(1, SERIES).mapToObj(i -> "replica-" + i).toList();
        LagHistory history = new LagHistory();
        history.maximumLagOnFailover(CLUSTER, 16L << 20);
        SyntheticLag.fill(history, CLUSTER, replicas, end, POINTS, 3_600_000L, 11);
        System.out.printf("data: %d series x %d points (%.1f MB of ring buffers for this metric)%n",
                SERIES, POINTS, SERIES * history.series(CLUSTER, replicas.get(0), LagMetric.REPLAY_BYTES)
                        .memoryBytes() / 1e6);

        Percentiles chartFx = chartFx(history, end, redraws);
        System.out.println("chart-fx LagChartView, decimated, pan redraw: " + chartFx.describe());

        double[][] xs = new double[SERIES][];
        double[][] ys = new double[SERIES][];
        int columns = (int) W - 80;
        raw(history, replicas, end, xs, ys);
        double[][] dx = new double[SERIES][];
        double[][] dy = new double[SERIES][];
        for (int s = 0; s < SERIES; s++) {
            long[] t = new long[xs[s].length];
            for (int i = 0; i < t.length; i++) {
                t[i] = Math.round(xs[s][i] * 1000);
            }
            double[] x = new double[2 * columns];
            double[] y = new double[2 * columns];
            int n = Decimator.minMax(t, ys[s], t.length, t[0], t[t.length - 1], columns, x, y);
            dx[s] = java.util.Arrays.copyOf(x, n);
            dy[s] = java.util.Arrays.copyOf(y, n);
        }
        Percentiles lineDecimated = lineChart(dx, dy, redraws, 120);
        System.out.println("JavaFX LineChart, decimated (" + dx[0].length + " points/series), pan redraw: "
                + lineDecimated.describe());
        System.out.printf("ratio LineChart(decimated)/chart-fx p50: %.1fx, p95: %.1fx%n",
                lineDecimated.p(0.5) / chartFx.p(0.5), lineDecimated.p(0.95) / chartFx.p(0.95));

        Percentiles lineRaw = lineChart(xs, ys, 5, 120);
        System.out.println("JavaFX LineChart, undecimated (" + POINTS + " points/series, capped at 5 redraws / 120 s): "
                + lineRaw.describe());
        if (lineRaw.count() > 0) {
            System.out.printf("ratio LineChart(undecimated)/chart-fx p50: %.0fx%n", lineRaw.p(0.5) / chartFx.p(0.5));
        }

        ingest(ingestSeconds);
        System.exit(0);
    }

    /** Pans the real view across the day: each redraw shifts a 24 h window by 1/100 of its width. */
    private static Percentiles chartFx(LagHistory history, long end, int redraws) throws Exception {
        LagChartView view = FxToolkit.call(() -> {
            LagChartView v = new LagChartView(history, CLUSTER, () -> end);
            v.dispose(); // we drive frames ourselves
            Scene scene = new Scene(v, W, H);
            Theme.LIGHT.applyTo(scene);
            v.rangeProperty().set(LagRange.ONE_DAY);
            v.refreshNow();
            scene.snapshot(null);
            return v;
        }, 60);
        List<Double> ms = new ArrayList<>();
        List<Double> pipeline = new ArrayList<>();
        double span = 86_400;
        for (int i = 0; i < redraws + 20; i++) {
            double shift = (i % 50) * span / 100;
            double min = end / 1000.0 - span - shift;
            long t0 = System.nanoTime();
            long dataNanos = FxToolkit.call(() -> {
                view.chart().getXAxis().set(min, min + span); // a pan, as the Zoomer does it
                long d0 = System.nanoTime();
                view.refreshNow();
                long d = System.nanoTime() - d0;
                view.getScene().snapshot(null);
                return d;
            }, 60);
            if (i >= 20) { // warm-up
                ms.add((System.nanoTime() - t0) / 1e6);
                pipeline.add(dataNanos / 1e6);
            }
        }
        System.out.println("  of which copy + decimate + hand to chart-fx (8 x 86,400 -> 8 x <=2 px width): "
                + new Percentiles(pipeline).describe());
        return new Percentiles(ms);
    }

    private static Percentiles lineChart(double[][] xs, double[][] ys, int redraws, int budgetSeconds)
            throws Exception {
        long setup = System.nanoTime();
        LineChart<Number, Number> chart = FxToolkit.call(() -> {
            NumberAxis x = new NumberAxis();
            NumberAxis y = new NumberAxis();
            x.setAutoRanging(false);
            x.setForceZeroInRange(false);
            x.setTickUnit(3_600); // hourly ticks, as chart-fx picks; the default unit (5) means 17,000 ticks
            x.setMinorTickVisible(false);
            LineChart<Number, Number> c = new LineChart<>(x, y);
            c.setCreateSymbols(false);
            c.setAnimated(false);
            for (int s = 0; s < xs.length; s++) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName("replica-" + (s + 1));
                List<XYChart.Data<Number, Number>> data = new ArrayList<>(xs[s].length);
                for (int i = 0; i < xs[s].length; i++) {
                    data.add(new XYChart.Data<>(xs[s][i], ys[s][i]));
                }
                series.getData().setAll(data);
                c.getData().add(series);
            }
            x.setLowerBound(xs[0][0]);
            x.setUpperBound(xs[0][xs[0].length - 1]);
            Scene scene = new Scene(new StackPane(c), W, H);
            Theme.LIGHT.applyTo(scene);
            scene.snapshot(null);
            return c;
        }, budgetSeconds);
        System.out.printf("  LineChart set-up + first frame: %.0f ms%n", (System.nanoTime() - setup) / 1e6);
        NumberAxis x = (NumberAxis) chart.getXAxis();
        double lo = xs[0][0];
        double span = xs[0][xs[0].length - 1] - lo;
        List<Double> ms = new ArrayList<>();
        long budgetEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(budgetSeconds);
        for (int i = 0; i < redraws + Math.min(20, redraws) && System.nanoTime() < budgetEnd; i++) {
            double shift = (i % 50) * span / 100;
            long t0 = System.nanoTime();
            FxToolkit.call(() -> {
                x.setLowerBound(lo - shift);
                x.setUpperBound(lo - shift + span);
                chart.getScene().snapshot(null);
                return null;
            }, budgetSeconds);
            if (i >= Math.min(20, redraws)) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return new Percentiles(ms);
    }

    private static void raw(LagHistory history, List<String> replicas, long end, double[][] xs, double[][] ys) {
        long[] t = new long[POINTS];
        double[] v = new double[POINTS];
        for (int s = 0; s < replicas.size(); s++) {
            int n = history.copy(CLUSTER, replicas.get(s), LagMetric.REPLAY_BYTES, 0, end, t, v);
            xs[s] = new double[n];
            ys[s] = java.util.Arrays.copyOf(v, n);
            for (int i = 0; i < n; i++) {
                xs[s][i] = t[i] / 1000.0;
            }
        }
    }

    /** 1 Hz ingest of 30 replicas × every metric on one scheduler thread; CPU / wall of that thread. */
    private static void ingest(int seconds) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        LagHistory history = new LagHistory();
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        AtomicLong cpu = new AtomicLong();
        AtomicLong ticks = new AtomicLong();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        long start = System.nanoTime();
        exec.scheduleAtFixedRate(() -> {
            long c0 = mx.getCurrentThreadCpuTime();
            long now = System.currentTimeMillis();
            for (int r = 0; r < 30; r++) {
                String member = "replica-" + r;
                for (LagMetric m : LagMetric.values()) {
                    history.append(CLUSTER, member, m, now, rnd.nextDouble() * 1e6);
                }
            }
            history.publish();
            cpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
            ticks.incrementAndGet();
        }, 0, 1, TimeUnit.SECONDS);
        Thread.sleep(seconds * 1000L);
        exec.shutdown();
        exec.awaitTermination(5, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("ingest: 30 replicas x %d metrics at 1 Hz for %.1f s: %d ticks, CPU %.3f ms total, "
                        + "%.1f us/tick, %.4f %% of one core%n", LagMetric.values().length, wall, ticks.get(),
                cpu.get() / 1e6, cpu.get() / 1e3 / Math.max(1, ticks.get()), 100.0 * cpu.get() / 1e9 / wall);
        // Steady state without first-touch allocation: another 10,000 ticks as fast as possible.
        long c0 = mx.getCurrentThreadCpuTime();
        long t = System.currentTimeMillis();
        for (int k = 0; k < 10_000; k++) {
            t += 1000;
            for (int r = 0; r < 30; r++) {
                for (LagMetric m : LagMetric.values()) {
                    history.append(CLUSTER, "replica-" + r, m, t, k);
                }
            }
            history.publish();
        }
        double perTick = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / 10_000;
        System.out.printf("ingest steady state: %.1f us CPU per 1 Hz tick (270 samples) = %.4f %% of one core%n",
                perTick, perTick / 1e4);
    }
}
