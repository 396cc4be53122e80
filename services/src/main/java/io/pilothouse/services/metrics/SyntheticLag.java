package io.pilothouse.services.metrics;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible lag history made up for screenshots, demos and benchmarks (never shown as real data): a quiet
 * baseline with noise, a daily batch job every replica feels, and one replica falling far behind for a while.
 */
public final class SyntheticLag {

    private SyntheticLag() {
    }

    /**
     * Fills {@code history} with one sample per second per replica for every {@link LagMetric}, ending at
     * {@code endMillis}, and records a leader change {@code leaderChangeAgo} ms before the end.
     *
     * @param seconds number of samples per series (86,400 for a day)
     */
    public static void fill(LagHistory history, String cluster, List<String> replicas, long endMillis, int seconds,
                            long leaderChangeAgoMillis, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long start = endMillis - (seconds - 1) * 1000L;
        history.observeLeader(cluster, "old-leader", start);
        for (int r = 0; r < replicas.size(); r++) {
            String member = replicas.get(r);
            double base = 40_000 + 60_000 * r;
            boolean laggard = r == replicas.size() - 1;
            double walk = 0;
            for (int i = 0; i < seconds; i++) {
                long t = start + i * 1000L;
                walk = 0.995 * walk + rnd.nextDouble(-1, 1) * 8_000;
                double bytes = Math.max(0, base + walk + rnd.nextDouble() * 30_000
                        + batch(i, seconds) * (1 + 0.3 * r) + (laggard ? incident(i, seconds) : 0));
                double seconds1 = bytes / 4_000_000.0 + rnd.nextDouble() * 0.02;
                append(history, cluster, member, t, bytes, seconds1);
            }
        }
        history.observeLeader(cluster, replicas.isEmpty() ? "new-leader" : "leader-" + seed,
                endMillis - leaderChangeAgoMillis);
        history.publish();
    }

    private static void append(LagHistory h, String c, String m, long t, double bytes, double seconds) {
        h.append(c, m, LagMetric.SENT_BYTES, t, bytes * 0.05);
        h.append(c, m, LagMetric.WRITE_BYTES, t, bytes * 0.2);
        h.append(c, m, LagMetric.FLUSH_BYTES, t, bytes * 0.3);
        h.append(c, m, LagMetric.REPLAY_BYTES, t, bytes);
        h.append(c, m, LagMetric.WRITE_SECONDS, t, seconds * 0.2);
        h.append(c, m, LagMetric.FLUSH_SECONDS, t, seconds * 0.3);
        h.append(c, m, LagMetric.REPLAY_SECONDS, t, seconds);
        h.append(c, m, LagMetric.REPLICA_REPLAY_DELAY_SECONDS, t, seconds);
        // Patroni's figure is the DCS view, refreshed every loop_wait (10 s).
        if (t / 1000 % 10 == 0) {
            h.append(c, m, LagMetric.PATRONI_LAG_BYTES, t, bytes);
        }
    }

    /** A batch job at 40 % of the window: ramps up over 10 min, drains over 5. */
    private static double batch(int i, int n) {
        int at = (int) (n * 0.4);
        int d = i - at;
        if (d < 0 || d > 900) {
            return 0;
        }
        return d < 600 ? 6_000_000.0 * d / 600 : 6_000_000.0 * (900 - d) / 300;
    }

    /** The laggard's incident at 75 % of the window: replay stuck for 20 min, then catch-up. */
    private static double incident(int i, int n) {
        int at = (int) (n * 0.75);
        int d = i - at;
        if (d < 0 || d > 1_500) {
            return 0;
        }
        return d < 1_200 ? 25_000.0 * d : 30_000_000.0 * (1_500 - d) / 300;
    }
}
