package io.pilothouse.services.history.store;

import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.metrics.RingSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded lag restore: recent past at 1 s, older folded to buckets keeping the worst value, rows capped. */
class LagRestoreTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final List<String> MEMBERS = List.of("node2", "node3");

    @TempDir
    Path dir;

    @Test
    void aFullDayOfALargeEstateIsPlannedWithinTheRowBudget() {
        long day = 86_400 - LagRestore.HOUR_SECONDS;
        long scanned = LagRestorePlan.OLDER_SCAN_BUDGET / 145; // how far back before the hour 145 series reach
        assertThat(scanned).isBetween(13_000L, 14_000L);
        LagRestorePlan large = LagRestorePlan.of(145, 0, scanned, LagRestorePlan.OLDER_ROW_BUDGET);
        assertThat(145 * (scanned / large.bucketSeconds() + 1)).isLessThanOrEqualTo(LagRestorePlan.OLDER_ROW_BUDGET);
        assertThat(large.bucketSeconds()).isEqualTo(30);
        assertThat(145 * large.chunkSeconds()).isLessThanOrEqualTo(LagRestorePlan.ROWS_PER_CHUNK);
        assertThat(large.chunkSeconds() % large.bucketSeconds()).isZero();

        assertThat(LagRestorePlan.OLDER_SCAN_BUDGET / 3).isGreaterThan(day); // the demo's whole day is read
        LagRestorePlan demo = LagRestorePlan.of(3, 0, day, LagRestorePlan.OLDER_ROW_BUDGET);
        assertThat(demo.bucketSeconds()).isEqualTo(10); // as retention folds: the demo's day keeps 10 s detail
    }

    @Test
    void restoresTheRecentPastAtOneSecondAndOlderLagFoldedKeepingTheWorst() throws Exception {
        Path file = dir.resolve("history.db");
        long end = NOW.getEpochSecond();
        long from = end - 7_200;
        long spike = end - 3_605; // older part, inside the bucket starting at end - 3610
        try (Connection c = HistoryDatabase.open(file)) {
            HistoryTables tables = new HistoryTables(c);
            List<HistoryRecord> batch = new ArrayList<>();
            for (long s = from; s <= end; s++) {
                for (String m : MEMBERS) {
                    batch.add(StoreFixtures.lag(s, m, s == spike ? 9_000_000 : 1_000));
                }
                if (batch.size() >= 2_000) {
                    tables.write(batch);
                    batch.clear();
                }
            }
            tables.write(batch);
        }

        LagHistory lag = new LagHistory(90_000);
        long rows = LagRestore.restore(file, lag, NOW, Duration.ofHours(2));

        long recent = LagRestore.RECENT_SECONDS + 1;
        long older = (7_200 - LagRestore.RECENT_SECONDS) / 10;
        assertThat(rows).isEqualTo(MEMBERS.size() * (recent + older));
        RingSeries s = lag.series("demo / demo", "node3", LagMetric.REPLAY_BYTES);
        long[] times = new long[s.size()];
        double[] values = new double[s.size()];
        int n = s.copyRange(0, Long.MAX_VALUE, times, values);
        assertThat(n).isEqualTo(recent + older);
        // Older: one point per 10 s bucket, on its first second, with the bucket's worst value.
        assertThat(times[1] - times[0]).isEqualTo(10_000);
        int bucket = (int) ((end - 3_610 - from) / 10);
        assertThat(times[bucket]).isEqualTo((end - 3_610) * 1000);
        assertThat(values[bucket]).isEqualTo(9_000_000);
        assertThat(values[bucket + 1]).isEqualTo(1_000);
        // Recent: every second up to now, so the next live sample continues the same series without a seam.
        assertThat(times[n - 1] - times[n - 2]).isEqualTo(1_000);
        assertThat(times[n - 1]).isEqualTo(end * 1000);
        assertThat(times[n - (int) recent]).isEqualTo((end - LagRestore.RECENT_SECONDS) * 1000);
        assertThat(s.append((end + 1) * 1000, 2_000)).isTrue();
        assertThat(lag.version()).isPositive();
    }

    @Test
    void noStoreRestoresNothing() throws Exception {
        assertThat(LagRestore.restore(dir.resolve("absent.db"), new LagHistory(10), NOW, Duration.ofDays(1)))
                .isZero();
    }
}
