package io.pilothouse.services.history.store;

import io.pilothouse.services.model.EstateSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoded snapshots are reused while among the last used, and the least recently used goes first. */
class SnapshotCacheTest {

    private static final Instant T0 = Instant.parse("2026-12-06T03:12:00Z");

    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void keepsTheLastUsedAndDropsTheLeastRecentlyUsed() {
        SnapshotCache cache = new SnapshotCache(2);
        EstateSnapshot a = StoreFixtures.estate("node1", T0);
        EstateSnapshot b = StoreFixtures.estate("node2", T0.plusSeconds(60));
        EstateSnapshot c = StoreFixtures.estate("node3", T0.plusSeconds(120));
        cache.put(T0, a);
        cache.put(T0.plusSeconds(60), b);
        assertThat(cache.get(T0)).isSameAs(a); // a is now the most recently used
        cache.put(T0.plusSeconds(120), c);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(T0.plusSeconds(60))).isNull();
        assertThat(cache.get(T0)).isSameAs(a);
        assertThat(cache.get(T0.plusSeconds(120))).isSameAs(c);
    }

    @Test
    void scrubbingBackToAnEarlierSnapshotReusesItsDecodedForm() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryWriter w = new HistoryWriter(file, 100, executor, Retention.DEFAULTS,
                Clock.fixed(T0, ZoneOffset.UTC)).start()) {
            w.offer(new HistoryRecord.Snapshot(T0, StoreFixtures.estate("node1", T0)));
            w.offer(new HistoryRecord.Snapshot(T0.plusSeconds(60), StoreFixtures.estate("node2", T0.plusSeconds(60))));
            w.flush();
        }
        try (HistoryReader r = HistoryReader.open(file)) {
            PastMoment first = r.momentAt(T0.plusSeconds(10)).orElseThrow();
            PastMoment other = r.momentAt(T0.plusSeconds(70)).orElseThrow();
            PastMoment again = r.momentAt(T0.plusSeconds(20)).orElseThrow();
            assertThat(first.estate().clusters().get(0).leader()).isEqualTo("node1");
            assertThat(other.estate().clusters().get(0).leader()).isEqualTo("node2");
            assertThat(again.estate().clusters().get(0).leader()).isEqualTo("node1");
            // The member list of the cached decode is handed out again (no lag overlaid here): no second decode.
            assertThat(again.estate().clusters().get(0).members().get(0))
                    .isSameAs(first.estate().clusters().get(0).members().get(0));
        }
    }
}
