package io.pilothouse.services.history.store;

import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.EstateSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The store on a temporary directory: what goes in comes back after a reopen, damaged files are handled. */
class HistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-06T03:12:00Z");

    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private HistoryWriter writer(Path file) {
        return new HistoryWriter(file, 1000, executor, Retention.DEFAULTS, Clock.fixed(T0, ZoneOffset.UTC)).start();
    }

    @Test
    void rebuildsTheTopologyLagAndAlertsOfAStoredSecondAfterReopening() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryWriter w = writer(file)) {
            w.offer(new HistoryRecord.Snapshot(T0, StoreFixtures.estate("node1", T0)));
            w.offer(StoreFixtures.lag(T0.getEpochSecond() + 5, "node3", 9_000_000));
            w.offer(new HistoryRecord.AlertChange(StoreFixtures.alert(AlertEvent.Type.ALERT_RAISED, T0.plusSeconds(6))));
            w.offer(new HistoryRecord.Event(StoreFixtures.leaderChanged("node1", "node2", T0.plusSeconds(60))));
            w.offer(new HistoryRecord.Snapshot(T0.plusSeconds(61), StoreFixtures.estate("node2", T0.plusSeconds(61))));
            w.offer(new HistoryRecord.AlertChange(StoreFixtures.alert(AlertEvent.Type.ALERT_CLEARED, T0.plusSeconds(90))));
            w.offer(new HistoryRecord.Audit(T0.plusSeconds(50), "demo/demo", "switchover", "ok", "{}"));
            w.flush();
            assertThat(w.status().health()).isEqualTo(StoreHealth.RECORDING);
            assertThat(w.status().written()).isEqualTo(7);
        }
        try (HistoryReader r = HistoryReader.open(file)) {
            PastMoment before = r.momentAt(T0.plusSeconds(7)).orElseThrow();
            assertThat(before.estate().clusters().get(0).leader()).isEqualTo("node1");
            assertThat(before.estate().clusters().get(0).members()).filteredOn(m -> m.name().equals("node3"))
                    .singleElement().satisfies(m -> assertThat(m.sqlLagBytes()).isEqualTo(9_000_000L));
            assertThat(before.alerts().alerts()).extracting(a -> a.member()).containsExactly("node3");

            PastMoment after = r.momentAt(T0.plusSeconds(95)).orElseThrow();
            assertThat(after.estate().clusters().get(0).leader()).isEqualTo("node2");
            assertThat(after.alerts().alerts()).isEmpty();
            assertThat(r.momentAt(T0.minusSeconds(1))).isEmpty();

            assertThat(r.eventAfter(T0.plusSeconds(6))).contains(T0.plusSeconds(50));
            assertThat(r.eventAfter(T0.plusSeconds(50))).contains(T0.plusSeconds(60));
            assertThat(r.eventBefore(T0.plusSeconds(100))).contains(T0.plusSeconds(90));
            assertThat(r.eventBefore(T0.plusSeconds(6))).isEmpty();
            assertThat(r.events(T0, T0.plusSeconds(100))).extracting(StoredEvent::kind)
                    .containsExactly("ALERT_RAISED", "OPERATION", "LEADER_CHANGED", "ALERT_CLEARED");
            assertThat(r.events(T0, T0.plusSeconds(100)).get(1)).extracting(StoredEvent::scope, StoredEvent::to)
                    .containsExactly("demo", "ok");
            assertThat(r.lag(T0.getEpochSecond(), T0.getEpochSecond() + 10)).singleElement()
                    .satisfies(l -> assertThat(l.values()[LagMetric.REPLICA_REPLAY_DELAY_SECONDS.ordinal()])
                            .isEqualTo(9.0));
        }
    }

    @Test
    void snapshotSurvivesTheJsonRoundTripUnchanged() {
        EstateSnapshot s = StoreFixtures.estate("node2", T0);
        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(s))).isEqualTo(s);
    }

    @Test
    void corruptFileIsSetAsideAndANewStoreStarted() throws Exception {
        Path file = dir.resolve("history.db");
        Files.write(file, "this is not a database, it is garbage written over it ".repeat(200).getBytes());
        try (HistoryWriter w = writer(file)) {
            w.offer(new HistoryRecord.Snapshot(T0, StoreFixtures.estate("node1", T0)));
            w.flush();
            assertThat(w.status().health()).isEqualTo(StoreHealth.REBUILT);
            assertThat(w.status().describe()).contains("damaged", "moved to");
            assertThat(w.status().written()).isEqualTo(1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("history.db.corrupt-"));
        }
        try (HistoryReader r = HistoryReader.open(file)) {
            assertThat(r.momentAt(T0)).isPresent();
        }
    }

    @Test
    void unwritableDirectoryBypassesTheStoreAndCountsDrops() throws Exception {
        // A regular file where the directory should be: cannot be created even by root.
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        try (HistoryWriter w = writer(blocker.resolve("history").resolve("history.db"))) {
            w.flush();
            assertThat(w.status().health()).isEqualTo(StoreHealth.BYPASSED);
            assertThat(w.offer(new HistoryRecord.Snapshot(T0, StoreFixtures.estate("node1", T0)))).isFalse();
            assertThat(w.status().dropped()).isEqualTo(1);
            assertThat(w.status().describe()).contains("cannot be written", "live view is unaffected");
        }
    }

    @Test
    void fullQueueDropsInsteadOfBlocking() {
        HistoryWriter w = new HistoryWriter(dir.resolve("h.db"), 2, executor, Retention.DEFAULTS, Clock.systemUTC());
        // Not started: nothing drains, so the third offer finds the queue full and returns at once.
        assertThat(w.offer(StoreFixtures.lag(1, "node2", 1))).isTrue();
        assertThat(w.offer(StoreFixtures.lag(2, "node2", 1))).isTrue();
        assertThat(w.offer(StoreFixtures.lag(3, "node2", 1))).isFalse();
        assertThat(w.status().dropped()).isEqualTo(1);
    }

    @Test
    void retentionFoldsOldLagToTenSecondsKeepingTheWorstAndDropsWhatIsPastTheMonth() throws Exception {
        Path file = dir.resolve("history.db");
        Instant now = T0;
        long dayAgo = now.minusSeconds(86_400 + 3_600).getEpochSecond() / 10 * 10;
        try (HistoryWriter w = writer(file)) {
            for (int s = 0; s < 20; s++) {
                w.offer(StoreFixtures.lag(dayAgo + s, "node2", s == 13 ? 5_000 : 100));
            }
            w.offer(StoreFixtures.lag(now.getEpochSecond() - 5, "node2", 1)); // recent: stays at 1 s
            w.offer(StoreFixtures.lag(now.minusSeconds(31L * 86_400).getEpochSecond(), "node2", 1)); // past a month
            w.offer(new HistoryRecord.Event(StoreFixtures.leaderChanged("a", "b", now.minusSeconds(31L * 86_400))));
            w.flush();
        }
        try (Connection c = HistoryDatabase.open(file)) {
            Retention.DEFAULTS.apply(c, now);
        }
        try (HistoryReader r = HistoryReader.open(file)) {
            List<StoredLag> old = r.lag(dayAgo, dayAgo + 20);
            assertThat(old).extracting(StoredLag::epochSecond).containsExactly(dayAgo, dayAgo + 10);
            assertThat(old.get(1).values()[LagMetric.REPLAY_BYTES.ordinal()]).isEqualTo(5_000);
            assertThat(r.lag(now.getEpochSecond() - 10, now.getEpochSecond())).hasSize(1);
            assertThat(r.lag(0, dayAgo - 1)).isEmpty();
            assertThat(r.events(Instant.EPOCH, now)).isEmpty();
        }
    }

    @Test
    void sizeCapDropsTheOldestDayFirst() throws Exception {
        Path file = dir.resolve("history.db");
        long start = T0.minusSeconds(3 * 86_400).getEpochSecond();
        try (HistoryWriter w = writer(file)) {
            for (int day = 0; day < 3; day++) {
                for (int s = 0; s < 3_000; s++) {
                    w.offer(StoreFixtures.lag(start + day * 86_400L + s, "node" + (s % 3), s));
                }
                w.flush();
            }
        }
        try (Connection c = HistoryDatabase.open(file)) {
            long used = Retention.usedBytes(c);
            long after = new Retention(java.time.Duration.ofDays(30), java.time.Duration.ofDays(30), used * 3 / 4)
                    .apply(c, T0);
            assertThat(after).isLessThanOrEqualTo(used * 3 / 4);
        }
        try (HistoryReader r = HistoryReader.open(file)) {
            assertThat(r.lag(start, start + 86_399)).isEmpty();
            assertThat(r.lag(start + 2 * 86_400L, start + 3 * 86_400L)).isNotEmpty();
        }
    }
}
