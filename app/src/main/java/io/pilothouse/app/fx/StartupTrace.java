package io.pilothouse.app.fx;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import javafx.application.Platform;
import javafx.scene.Scene;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * With {@code PILOTHOUSE_STARTUP_TRACE} set in the environment, says on standard error when the main window's first
 * frame was laid out and when the first frame showing the topology was (every cluster with its members and a
 * leader), as {@code pilothouse-startup EVENT EPOCH_MILLIS cpu CPU_MILLIS ms} (the process's CPU so far): what
 * {@code bench/startup-bench.sh} times a launch against. Does nothing otherwise.
 */
final class StartupTrace {

    static final String ENVIRONMENT = "PILOTHOUSE_STARTUP_TRACE";

    private StartupTrace() {
    }

    /** Follows {@code scene} showing {@code feed}; call on the FX thread before the scene is shown. */
    static void follow(Scene scene, EstateFeed feed) {
        if (System.getenv(ENVIRONMENT) == null) {
            return;
        }
        FirstFrame.then(scene, () -> say("first-frame", ""));
        AtomicBoolean filled = new AtomicBoolean();
        // Kept for the session's life (the feed holds it): a traced launch is measured, then ended.
        feed.subscribe(estate -> {
            if (showsTopology(estate) && filled.compareAndSet(false, true)) {
                int members = estate.clusters().stream().mapToInt(c -> c.members().size()).sum();
                FxToolkit.fx().execute(() -> {
                    // The views read the feed once per frame: the next laid-out frame is the one that shows it.
                    FirstFrame.then(scene, () -> say("topology", " " + members + " members"));
                    Platform.requestNextPulse();
                });
            }
        });
    }

    private static boolean showsTopology(EstateSnapshot estate) {
        return !estate.clusters().isEmpty() && estate.clusters().stream().allMatch(StartupTrace::hasLeaderAndMembers);
    }

    private static boolean hasLeaderAndMembers(ClusterSnapshot cluster) {
        return cluster.leader() != null && !cluster.members().isEmpty();
    }

    private static void say(String event, String detail) {
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        System.err.println("pilothouse-startup " + event + " " + System.currentTimeMillis() + " cpu " + cpu + " ms"
                + detail);
    }
}
