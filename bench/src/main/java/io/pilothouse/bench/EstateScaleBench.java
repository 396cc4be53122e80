package io.pilothouse.bench;

import io.pilothouse.app.fx.FxToolkit;
import io.pilothouse.app.fx.MainViews;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.sandbox.EstateSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.estate.EstatePlan;
import io.pilothouse.services.sandbox.estate.EstateSimulator;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;
import io.pilothouse.views.main.MainView;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.pilothouse.bench.BenchArgs.intArg;

/**
 * The live model and the main window on a simulated estate ({@code sandbox estate}'s simulator, in this process, on
 * an etcd of its own): members' REST and SQL unreachable, key changes at a fixed rate. Measures key change -> model
 * event (published with its snapshot) and -> the window's frame that applies it, for leader changes and lost
 * leaders; FX-thread frame time (pulse start to layout done); CPU share (process CPU time / wall) while changing and
 * idle (leases kept alive, no change); RSS, threads and open files every 10 s; notifications handed to the notifier
 * per 10 s. The soak is a long run: {@code --seconds 600}.
 * Prints figures; never fails on a time.
 *
 * <p>Run: {@code mvn -Pbench -pl bench -am -DskipTests verify -Dbench.main=io.pilothouse.bench.EstateScaleBench
 * -Dbench.args="--clusters 50 --members 3 --rate 10 --seconds 120 --idle-seconds 60"}.
 */
public final class EstateScaleBench {

    private final Map<String, Pending> pendingEvent = new ConcurrentHashMap<>();
    private final Map<String, Pending> pendingFrame = new ConcurrentHashMap<>();
    private final List<Double> toEvent = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> toFrame = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> frames = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong rawNotifications = new AtomicLong();
    private volatile boolean recording;
    private long pulseStart;
    private long pulseCpuStart;
    private final List<Double> frameCpu = Collections.synchronizedList(new ArrayList<>());
    /** Gaps between consecutive pulses while recording: a pulse waits for the renderer to finish the frame before. */
    private final List<Double> pulseGaps = Collections.synchronizedList(new ArrayList<>());
    private long lastPulse;
    private AnimationTimer pulseProbe;
    private final AtomicLong scenePulses = new AtomicLong();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Pending(String leader, long start) {
    }

    public static void main(String[] args) throws Exception {
        int clusters = intArg(args, "--clusters", 50);
        int members = intArg(args, "--members", 3);
        int rate = intArg(args, "--rate", 10);
        int seconds = intArg(args, "--seconds", 120);
        int idle = intArg(args, "--idle-seconds", 60);
        new EstateScaleBench().run(clusters, members, rate, seconds, idle);
        System.exit(0);
    }

    private void run(int clusters, int members, int rate, int seconds, int idleSeconds) throws Exception {
        // Loaded now: at 500 clusters main's build once failed to load it at the end (NoClassDefFoundError).
        new Percentiles(List.of(1.0)).describe();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-estate-bench-");
        Files.delete(dir);
        SandboxLauncher launcher = new SandboxLauncher();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launcher.destroy(dir), "bench-estate-cleanup"));
        SandboxInfo etcd = new EstateSandbox().startEtcdAlone(dir, line -> System.out.println("  " + line));
        EstateSimulator simulator = new EstateSimulator(new EstatePlan(etcd.etcdUrl(), etcd.namespace(), clusters,
                members, rate, 42));
        simulator.onChange(this::changed);
        long t0 = System.nanoTime();
        simulator.start();
        System.out.printf("estate of %d x %d written in %.1f s; load before the model: %s%n", clusters, members,
                (System.nanoTime() - t0) / 1e9, Load.now());

        Workspace ws = new WorkspaceLoader().load(etcd.workspaceFile());
        // As the window does (DesktopNotifier): bursts folded into summaries; raw counts what the model raised.
        Notifier counting = new io.pilothouse.services.history.AggregatingNotifier(
                n -> notifications.incrementAndGet(), java.util.concurrent.Executors.newSingleThreadScheduledExecutor(),
                io.pilothouse.services.history.AggregatingNotifier.WINDOW,
                io.pilothouse.services.history.AggregatingNotifier.BURST);
        Notifier raw = n -> {
            rawNotifications.incrementAndGet();
            counting.notify(n);
        };
        LiveSession session = LiveSession.start(ws, LiveSettings.DEFAULTS, raw, this::onEvent,
                SessionHistory.Mode.OFF);
        showWindow(session);
        System.out.println("warming up 20 s ...");
        Thread.sleep(20_000);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        recording = true;
        long wall0 = System.nanoTime();
        long cpu0 = Load.processCpuNanos();
        long notes0 = notifications.get();
        long raw0 = rawNotifications.get();
        List<String> rss = new ArrayList<>();
        long maxNotesPer10s = 0;
        for (int s = 10; s <= seconds; s += 10) {
            long before = notifications.get();
            Thread.sleep(10_000);
            maxNotesPer10s = Math.max(maxNotesPer10s, notifications.get() - before);
            rss.add(s + "s:" + Load.rssMb() + "MB/" + threads.getThreadCount() + "t/" + openFiles() + "fd");
        }
        long cpu1 = Load.processCpuNanos();
        long wall1 = System.nanoTime();
        recording = false;
        FxToolkit.fx().execute(() -> pulseProbe.stop());
        long changes = simulator.changes();
        simulator.stopChanges();
        Thread.sleep(10_000);
        long icpu0 = Load.processCpuNanos();
        long iwall0 = System.nanoTime();
        long ipulses0 = scenePulses.get();
        Thread.sleep(idleSeconds * 1000L);
        long icpu1 = Load.processCpuNanos();
        long iwall1 = System.nanoTime();
        long ipulses1 = scenePulses.get();

        System.out.println();
        System.out.printf("estate: %d clusters, %d members, %d changes/s for %d s (%d changes in all)%n", clusters,
                clusters * members, rate, seconds, changes);
        System.out.println("  key change -> model event (leader changes, leaders lost): "
                + new Percentiles(new ArrayList<>(toEvent)).describe());
        System.out.println("  key change -> window frame                               : "
                + new Percentiles(new ArrayList<>(toFrame)).describe());
        Percentiles f = new Percentiles(new ArrayList<>(frames));
        System.out.printf("  FX frame time (pulse -> layout done): n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                f.count(), f.p(0.5), f.p(0.99), f.p(1.0));
        Percentiles gaps = new Percentiles(new ArrayList<>(pulseGaps));
        System.out.printf("  gap between pulses: p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n", gaps.p(0.5),
                gaps.p(0.95), gaps.p(0.99), gaps.p(1.0));
        Percentiles fc = new Percentiles(new ArrayList<>(frameCpu));
        System.out.printf("  FX frame CPU time (FX thread's own CPU in that span): p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                fc.p(0.5), fc.p(0.99), fc.p(1.0));
        System.out.printf("  CPU share while changing: %.1f %% of a core (process CPU / wall)%n",
                100.0 * (cpu1 - cpu0) / (wall1 - wall0));
        System.out.printf("  CPU share idle (%d s, no change, leases kept alive): %.1f %% of a core%n", idleSeconds,
                100.0 * (icpu1 - icpu0) / (iwall1 - iwall0));
        System.out.printf("  window pulses while idle: %.1f a second (JavaFX pulses at most 60)%n",
                (ipulses1 - ipulses0) * 1e9 / (iwall1 - iwall0));
        System.out.println("  RSS/threads/open files every 10 s: " + String.join(" ", rss) + " ; after idle: "
                + Load.rssMb() + " MB, " + threads.getThreadCount() + " threads");
        System.out.printf("  heap after idle: %d MB used, %d MB committed, max %d MB%n",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().totalMemory() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  notifications: %d raised by the model, %d shown (aggregated), at most %d shown in 10 s%n",
                rawNotifications.get() - raw0, notifications.get() - notes0, maxNotesPer10s);
        System.out.println("  threads: " + threads.getThreadCount() + "; load at the end: " + Load.now());
        simulator.stop(false);
        session.close();
        System.out.println("stopping etcd: clean=" + launcher.destroy(dir).clean());
    }

    private static long openFiles() {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * The simulator tells of a change once etcd acknowledged it: by then the model may have published it and the
     * window applied it. So what the model and the window showed per cluster is kept with its time, and a change
     * already seen is counted from those times; one not seen yet waits. A "leader change" to the leader the cluster
     * already had changes nothing and is not counted (it used to wait for some later, unrelated apply).
     */
    private void changed(String scope, String kind, String leader, long start) {
        if (!(kind.equals("leader") || kind.equals("leader-lost"))) {
            return;
        }
        // "" for no leader: the map takes no null (a null once threw here, inside the simulator, which dropped every
        // leader-lost change from the figures and logged "a change failed: null").
        String was = simLeader.put(scope, leader == null ? "" : leader);
        boolean noChange = was != null && was.equals(leader == null ? "" : leader);
        if (!recording || noChange) {
            return;
        }
        Pending p = new Pending(leader, start);
        if (!countIfSeen(modelShowed.get(scope), p, toEvent)) {
            pendingEvent.put(scope, p);
        }
        if (!countIfSeen(windowShowed.get(scope), p, toFrame)) {
            pendingFrame.put(scope, p);
        }
    }

    /** Counts {@code p} at once when {@code seen} shows its leader since it started. */
    private static boolean countIfSeen(Pending seen, Pending p, List<Double> into) {
        if (seen != null && java.util.Objects.equals(seen.leader(), p.leader()) && seen.start() >= p.start()) {
            into.add((seen.start() - p.start()) / 1e6);
            return true;
        }
        return false;
    }

    private final Map<String, String> simLeader = new ConcurrentHashMap<>();
    /** Per cluster: the leader the model last announced / the window last applied, and when. */
    private final Map<String, Pending> modelShowed = new ConcurrentHashMap<>();
    private final Map<String, Pending> windowShowed = new ConcurrentHashMap<>();

    private void onEvent(ClusterEvent e) {
        if (e.scope() == null || !(e.type() == ClusterEventType.LEADER_CHANGED
                || e.type() == ClusterEventType.LEADER_ELECTED || e.type() == ClusterEventType.LEADER_LOST)) {
            return;
        }
        long now = System.nanoTime();
        String leader = e.type() == ClusterEventType.LEADER_LOST ? null : e.to();
        modelShowed.put(e.scope(), new Pending(leader, now));
        Pending p = pendingEvent.get(e.scope());
        if (p != null && java.util.Objects.equals(p.leader(), leader) && pendingEvent.remove(e.scope(), p)) {
            toEvent.add((now - p.start()) / 1e6);
        }
    }

    private void showWindow(LiveSession session) throws Exception {
        FxToolkit.startHeadless();
        FxToolkit.call(() -> {
            // Started before the view's own timer, so it runs first in each pulse: pulse start is measured here.
            // Stopped when the changes stop: a running timer keeps JavaFX pulsing, and the idle figure is the app's.
            pulseProbe = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulseStart = System.nanoTime();
                    if (recording && lastPulse != 0) {
                        pulseGaps.add((pulseStart - lastPulse) / 1e6);
                    }
                    lastPulse = pulseStart;
                    pulseCpuStart = THREADS.getCurrentThreadCpuTime();
                }
            };
            pulseProbe.start();
            MainView view = MainViews.on(session);
            Stage stage = new Stage();
            Scene scene = new Scene(view.root(), 1600, 1000);
            scene.addPostLayoutPulseListener(() -> {
                scenePulses.incrementAndGet();
                if (recording && pulseStart != 0) {
                    frames.add((System.nanoTime() - pulseStart) / 1e6);
                    frameCpu.add((THREADS.getCurrentThreadCpuTime() - pulseCpuStart) / 1e6);
                }
                pulseStart = 0;
            });
            stage.setScene(scene);
            stage.show();
            view.viewModel().estateProperty().addListener((obs, old, estate) -> onApplied(estate));
            return view;
        }, 60);
    }

    private void onApplied(EstateSnapshot estate) {
        long now = System.nanoTime();
        for (ClusterSnapshot c : estate.clusters()) {
            Pending shown = windowShowed.get(c.scope());
            if (shown == null || !java.util.Objects.equals(shown.leader(), c.leader())) {
                windowShowed.put(c.scope(), new Pending(c.leader(), now));
                Pending p = pendingFrame.get(c.scope());
                if (p != null && java.util.Objects.equals(p.leader(), c.leader())
                        && pendingFrame.remove(c.scope(), p)) {
                    toFrame.add((now - p.start()) / 1e6);
                }
            }
        }
    }
}
