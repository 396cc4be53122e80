package io.pilothouse.app.e2e;

import io.pilothouse.services.testing.Await;
import io.pilothouse.app.wiring.HistoryStores;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.history.store.HistoryDatabase;
import io.pilothouse.services.history.store.HistoryReader;
import io.pilothouse.services.history.store.PastMoment;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.workspace.WorkspaceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estate remembers: {@code pilothouse watch} records the shared sandbox into a history store, is killed
 * (SIGKILL, no shutdown hook), and a new session on the same store finds the past: its events in the History, its
 * lag in the lag series before the restart, its topology rebuilt at a second before the kill; and records on.
 */
@Tag("servers")
class HistoryRestartSandboxTest {

    @TempDir
    Path store;

    @AfterEach
    void clearProperty() {
        System.clearProperty(HistoryStores.PROPERTY);
    }

    @Test
    void aKilledWatchLeavesItsPastForTheNextSession() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        Path file = store.resolve(HistoryDatabase.FILE_NAME);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.pilothouse.app.Main", "watch", "--workspace",
                sandbox.workspaceFile().toString()).redirectErrorStream(true)
                .redirectOutput(store.resolve("watch.log").toFile());
        pb.environment().put(HistoryStores.ENV, store.toString());
        Process watch = pb.start();
        try {
            // Recorded: a snapshot, the discovery events and some seconds of lag of every replica.
            waitFor(Duration.ofSeconds(120), () -> stored(file, 10));
        } finally {
            watch.destroyForcibly(); // SIGKILL: nothing is flushed on the way out
            assertThat(watch.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Instant killed = Instant.now();

        System.setProperty(HistoryStores.PROPERTY, store.toString());
        try (LiveSession session = LiveSession.start(new WorkspaceLoader().load(sandbox.workspaceFile()),
                LiveSettings.DEFAULTS, Notifier.NONE, e -> { }, SessionHistory.Mode.RESTORE_AND_RECORD)) {
            assertThat(session.awaitSettled(Duration.ofSeconds(60))).isTrue();
            ClusterSnapshot cluster = session.feed().latest().clusters().get(0);

            // Every kind of event the killed watch printed is in the store (all but its last seconds, which the
            // 1 s writer may not have reached before SIGKILL).
            List<String> printed = java.nio.file.Files.readAllLines(store.resolve("watch.log")).stream()
                    .filter(l -> l.matches("^\\d{4}-.*"))
                    .filter(l -> Instant.parse(l.split("\\s+")[0]).isBefore(killed.minusSeconds(3)))
                    .map(l -> l.split("\\s+")[2]).distinct().toList();
            assertThat(printed).contains("CLUSTER_DISCOVERED");
            assertThat(storedKinds(file, killed)).containsAll(printed);
            // Those the History view lists (members joining, leader changes, timelines) were restored into it.
            if (printed.contains("MEMBER_JOINED")) {
                List<HistoryEntry> entries = session.history().find(cluster.source(), cluster.scope()).orElseThrow()
                        .entries();
                assertThat(entries).as("History holds the killed watch's entries")
                        .anyMatch(e -> e.time().isBefore(killed));
            }

            String id = LagHistory.clusterId(cluster);
            String replica = cluster.members().stream().filter(m -> !m.name().equals(cluster.leader())).findFirst()
                    .orElseThrow().name();
            long[] times = new long[4096];
            double[] values = new double[4096];
            waitFor(Duration.ofSeconds(60), () -> session.lag().copy(id, replica, LagMetric.REPLAY_BYTES, 0,
                    killed.toEpochMilli(), times, values) >= 3);

            PastMoment before = session.historyStore().past().momentAt(killed.minusSeconds(1)).orElseThrow();
            assertThat(before.estate().clusters()).extracting(ClusterSnapshot::scope).contains(cluster.scope());
            assertThat(before.estate().clusters().get(0).members()).extracting(m -> m.name())
                    .contains(replica);

            // And the new session records on, after the kill.
            waitFor(Duration.ofSeconds(60), () -> {
                try (HistoryReader r = HistoryReader.open(file)) {
                    return !r.lag(killed.getEpochSecond() + 1, Instant.now().getEpochSecond() + 1).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /** The kinds of the events stored before {@code before}. */
    private static List<String> storedKinds(Path file, Instant before) throws Exception {
        try (HistoryReader r = HistoryReader.open(file)) {
            return r.events(before.minusSeconds(3_600), before).stream().map(e -> e.kind()).distinct().toList();
        }
    }

    /** True once the store holds a snapshot, events and at least {@code lagRows} lag rows. */
    private static boolean stored(Path file, int lagRows) {
        try (HistoryReader r = HistoryReader.open(file)) {
            Instant now = Instant.now();
            return r.range().isPresent() && !r.events(now.minusSeconds(600), now).isEmpty()
                    && r.lag(now.getEpochSecond() - 600, now.getEpochSecond()).size() >= lagRows;
        } catch (Exception e) {
            return false; // not created yet
        }
    }

    private static void waitFor(Duration deadline, BooleanSupplier condition) {
        Await.until(deadline, "the condition", condition::getAsBoolean, met -> met);
    }
}
