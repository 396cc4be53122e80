package io.pilothouse.bench;

import io.pilothouse.services.history.store.HistoryDatabase;
import io.pilothouse.services.history.store.LagRestore;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The restore at start-up on a store holding {@code seconds} of lag at 1 s for every replica (the worst case: a
 * full day not yet folded), generated in SQL in the store's own layout: how long the live sampler waits, and how many
 * rows it restores.
 */
final class FullDayLagRestore {

    private static final Instant END = Instant.parse("2026-12-06T00:00:00Z");
    private static final int MEMBERS_PER_CLUSTER = 29;

    private FullDayLagRestore() {
    }

    static void run(Path dir, int seconds, int members) throws Exception {
        Path file = dir.resolve("full-" + HistoryDatabase.FILE_NAME);
        HistoryDatabase.open(file).close(); // the schema
        long t0 = System.nanoTime();
        String values = IntStream.range(0, LagMetric.values().length)
                .mapToObj(i -> "CASE WHEN abs(random()) % 10 = 0 THEN abs(random()) % 2000000 ELSE 0 END")
                .collect(Collectors.joining(", "));
        long end = END.getEpochSecond();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = OFF");
            s.execute("PRAGMA synchronous = OFF");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + (members - 1)
                    + ") INSERT INTO series (id, cluster, member) SELECT i + 1, 'bench / c' || (i / "
                    + MEMBERS_PER_CLUSTER + "), 'm' || (i % " + MEMBERS_PER_CLUSTER + " + 1) FROM n");
            s.execute("WITH RECURSIVE sec(t) AS (SELECT " + (end - seconds + 1) + " UNION ALL SELECT t + 1 FROM sec "
                    + "WHERE t < " + end + ") INSERT INTO lag SELECT sec.t, series.id, " + values
                    + " FROM sec CROSS JOIN series ORDER BY sec.t, series.id");
            s.execute("PRAGMA journal_mode = WAL");
        }
        System.out.printf("full store: %d s x %d members at 1 s = %d rows, %.0f MB, generated in %.0f s%n", seconds,
                members, (long) seconds * members, Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 2; run++) { // the second run reads a warm page cache, as a restart usually does
            LagHistory lag = new LagHistory(4_000);
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            long rows = LagRestore.restore(file, lag, END, Duration.ofSeconds(seconds));
            double wallMs = (System.nanoTime() - w0) / 1e6;
            double cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            System.out.printf("bounded restore of the full store (run %d): %d rows (instead of %d) in CPU %.0f ms, "
                            + "wall %.0f ms = %.0f rows/s of CPU%n", run, rows,
                    (long) seconds * members, cpuMs, wallMs, rows / cpuMs * 1000);
        }
        Files.deleteIfExists(file);
    }
}
