package io.pilothouse.bench;

import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.history.store.HistoryDatabase;
import io.pilothouse.services.history.store.HistoryReader;
import io.pilothouse.services.history.store.HistoryRecorder;
import io.pilothouse.services.history.store.HistoryWriter;
import io.pilothouse.services.history.store.LagRestore;
import io.pilothouse.services.history.store.Retention;
import io.pilothouse.services.history.store.StorePastSource;
import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * History store benchmark: prints figures, asserts nothing, never gates on wall-clock.
 *
 * <ol>
 *   <li>ingest: 150 members (5 clusters × 30) × every {@link LagMetric} (11 ≥ the 9 asked for) at 1 Hz, on a
 *       simulated clock run as fast as it goes: CPU of the store's thread (pull from the lag history + queue + batch
 *       insert + snapshot every 5 min and after each event + retention) per simulated second = fraction of a core;</li>
 *   <li>disk per member per day at 1 s, and after folding to 10 s;</li>
 *   <li>scrub latency: {@code momentAt} (latest snapshot + that second's lag + alerts, decoded) at random seconds;</li>
 *   <li>start-up with a full store: the synchronous part (the last day's events) and the background lag restore;
 *       with a third argument (seconds, e.g. 86400) also the bounded restore of a synthetic store that long
 *       ({@link FullDayLagRestore}).</li>
 * </ol>
 *
 * <p>Run: {@code mvn -Pbench -pl bench -am -DskipTests verify -Dbench.main=io.pilothouse.bench.HistoryStoreBench
 * -Dbench.args="1800 200 86400"} (simulated seconds, scrubs, optional seconds of the synthetic full store).
 */
public final class HistoryStoreBench {

    private static final int CLUSTERS = 5;
    private static final int MEMBERS = 30;
    private static final Instant START = Instant.parse("2026-12-05T00:00:00Z");

    private HistoryStoreBench() {
    }

    /** A clock the benchmark moves. */
    static final class SimClock extends Clock {
        final AtomicLong millis = new AtomicLong(START.toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 1800;
        int scrubs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("history-bench");
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        SimClock clock = new SimClock();
        LatestEstate feed = new LatestEstate("bench", false);
        for (int c = 0; c < CLUSTERS; c++) {
            feed.put(cluster(c, clock.instant()));
        }
        LagHistory lag = new LagHistory(4_000);
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        long tid = thread.submit(() -> Thread.currentThread().getId()).get();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        HistoryWriter writer = new HistoryWriter(file, HistoryWriter.DEFAULT_CAPACITY, thread, Retention.DEFAULTS,
                clock).start();
        HistoryRecorder recorder = new HistoryRecorder(writer, feed, lag, null, HistoryRecorder.DEFAULT_SNAPSHOT_EVERY,
                clock);
        ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
        recorder.start(AlertsFeed.NONE, unused).close(); // ticks are driven below, on the store's thread
        unused.shutdown();
        Random random = new Random(11);
        writer.flush();
        long cpu0 = mx.getThreadCpuTime(tid);
        long wall0 = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            long t = clock.millis();
            for (int c = 0; c < CLUSTERS; c++) {
                for (int m = 1; m < MEMBERS; m++) {
                    for (LagMetric metric : LagMetric.values()) {
                        double v = metric.unit() == LagMetric.Unit.BYTES ? (random.nextInt(10) == 0
                                ? random.nextInt(2_000_000) : 0) : random.nextInt(100) / 1000.0;
                        lag.append("bench / c" + c, "m" + m, metric, t, v);
                    }
                }
            }
            if (s % 60 == 30) {
                recorder.accept(new ClusterEvent(ClusterEventType.MEMBER_STALE, "bench", "c" + (s % CLUSTERS),
                        "m1", "LIVE", "STALE", clock.instant()));
            }
            clock.millis.addAndGet(1000);
            thread.submit(recorder::tick).get();
            writer.flush();
        }
        double cpuMs = (mx.getThreadCpuTime(tid) - cpu0) / 1e6;
        System.out.printf("ingest: %d simulated s, %d members x %d metrics: store thread CPU %.2f ms per second "
                        + "of data = %.2f %% of a core (wall %.1f s; %s records written, %d dropped)%n", seconds,
                CLUSTERS * (MEMBERS - 1), LagMetric.values().length, cpuMs / seconds, cpuMs / seconds / 10,
                (System.nanoTime() - wall0) / 1e9, writer.status().written(), writer.status().dropped());
        writer.close();
        thread.shutdown();

        int members = CLUSTERS * (MEMBERS - 1);
        try (Connection c = HistoryDatabase.open(file)) {
            long used = Retention.usedBytes(c);
            System.out.printf("disk: %.1f MB for %d s of %d members = %.2f MB per member per day at 1 s%n",
                    used / 1e6, seconds, members, used / 1e6 / members * 86_400 / seconds);
            long folded = new Retention(Duration.ZERO, Duration.ofDays(30), Long.MAX_VALUE).apply(c,
                    clock.instant().plusSeconds(10));
            System.out.printf("disk: %.1f MB after folding all lag to 10 s = %.3f MB per member per day at 10 s "
                    + "(snapshots and events included)%n", folded / 1e6, folded / 1e6 / members * 86_400 / seconds);
        }

        // Scrub latency on the folded store and on a fresh 1 s store of the same length would differ little; the
        // folded one is what a month back looks like, so measure both ends: here the 10 s store.
        // Random seconds (each a new snapshot to decode) and a drag (successive seconds, the snapshot decoded once
        // per span). Wall times are inflated by other engineers' load on the 2 cores; CPU times are not.
        // Three ways to scrub: random seconds with one reader (its cache of decoded snapshots warms up, as in a
        // session), the same with a fresh reader each time (every snapshot decoded: the cold case), and a drag.
        try (StorePastSource warmUp = new StorePastSource(file)) { // JIT warm-up, untimed, its own (cold) reader
            for (int i = 0; i < 30; i++) {
                warmUp.momentAt(START.plusSeconds(1 + random.nextInt(seconds - 1))).orElseThrow();
            }
        }
        for (String kind : new String[] {"random seconds", "random seconds, cold (fresh reader: snapshot decoded)",
                "drag, second by second"}) {
            boolean drag = kind.startsWith("drag");
            boolean cold = kind.contains("cold");
            List<Double> ms = new ArrayList<>();
            long cpu = 0;
            StorePastSource past = new StorePastSource(file);
            past.span();
            int from = 1 + random.nextInt(seconds / 2);
            for (int i = 0; i < scrubs; i++) {
                if (cold) {
                    past.close();
                    past = new StorePastSource(file);
                    past.span(); // opens the reader outside the timing
                }
                Instant at = START.plusSeconds(drag ? from + i : 1 + random.nextInt(seconds - 1));
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                past.momentAt(at).orElseThrow();
                ms.add((System.nanoTime() - t0) / 1e6);
                cpu += mx.getCurrentThreadCpuTime() - c0;
            }
            past.close();
            System.out.printf("scrub %s (momentAt: snapshot of %d members + lag + alerts): wall %s; CPU mean %.2f ms%n",
                    kind, members, new Percentiles(ms).describe(), cpu / 1e6 / scrubs);
        }

        long t0 = System.nanoTime();
        try (HistoryReader r = HistoryReader.open(file)) {
            int events = r.modelEvents(clock.instant().minus(Duration.ofDays(1)), clock.instant()).size();
            System.out.printf("start-up, before the first frame: open + the last day's %d events in %.1f ms%n",
                    events, (System.nanoTime() - t0) / 1e6);
        }
        t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        long rows = LagRestore.restore(file, new LagHistory(4_000), clock.instant(), Duration.ofDays(1));
        double restoreMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("lag restore CPU %.0f ms (wall %.0f ms)%n", (mx.getCurrentThreadCpuTime() - c0) / 1e6,
                restoreMs);
        System.out.printf("start-up, background (after the first frame): %d lag rows restored in %.0f ms%n", rows,
                restoreMs);
        if (args.length > 2) {
            FullDayLagRestore.run(dir, Integer.parseInt(args[2]), members);
        }
    }

    private static ClusterSnapshot cluster(int c, Instant at) {
        List<Member> members = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            members.add(Member.builder("m" + m).role(m == 0 ? MemberRole.LEADER : MemberRole.REPLICA)
                    .state(MemberState.RUNNING).host("10.0." + c + "." + m).port(5432)
                    .apiUrl("http://10.0." + c + "." + m + ":8008").timeline(3).upstream(m == 0 ? null : "m0")
                    .freshness(Freshness.LIVE).lastSeen(at).sqlLagBytes(m == 0 ? null : 0L).build());
        }
        return ClusterSnapshot.builder("bench", "c" + c).leader("m0").timeline(3).members(members).observedAt(at)
                .build();
    }
}
