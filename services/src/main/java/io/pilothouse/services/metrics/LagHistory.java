package io.pilothouse.services.metrics;

import io.pilothouse.services.model.ClusterSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every lag series of an estate, one {@link RingSeries} per (cluster, member, metric), plus per cluster the
 * leader-change markers and {@code maximum_lag_on_failover}. Written by {@link LagSampler} (one writer per
 * cluster at a time), read by views through {@link LagSeriesSource}.
 *
 * <p>Memory: {@link RingSeries#DEFAULT_CAPACITY} × 16 B ≈ 1.38 MB per series, allocated on a series' first
 * sample; 9 metrics × 30 replicas ≈ 373 MB at full 24 h capacity, so the capacity is a constructor argument.
 */
public final class LagHistory implements LagSeriesSource {

    /** Leader changes kept per cluster (a day of flapping every few minutes still fits). */
    static final int MAX_LEADER_CHANGES = 1_000;

    private record SeriesKey(String cluster, String member, LagMetric metric) {
    }

    private final int capacity;
    private final Map<SeriesKey, RingSeries> series = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListSet<String>> members = new ConcurrentHashMap<>();
    private final Map<String, ClusterMarks> clusters = new ConcurrentHashMap<>();
    private final Map<SeriesKey, ReplayState> states = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** A history holding 24 h at 1 Hz per series. */
    public LagHistory() {
        this(RingSeries.DEFAULT_CAPACITY);
    }

    /** A history holding {@code capacity} samples per series. */
    public LagHistory(int capacity) {
        this.capacity = capacity;
    }

    /** The id a cluster is recorded under: its scope, qualified by the workspace source when there is one. */
    public static String clusterId(ClusterSnapshot cluster) {
        return cluster.source() == null || cluster.source().isBlank()
                ? cluster.scope() : cluster.source() + " / " + cluster.scope();
    }

    /** Records one value. Call from the cluster's single writer only. */
    public void append(String cluster, String member, LagMetric metric, long timeMillis, double value) {
        SeriesKey key = new SeriesKey(cluster, member, metric);
        RingSeries s = series.get(key);
        if (s == null) {
            s = series.computeIfAbsent(key, k -> new RingSeries(capacity));
            members.computeIfAbsent(cluster, c -> new ConcurrentSkipListSet<>()).add(member);
        }
        if (s.append(timeMillis, value)) {
            marks(cluster).latest.accumulateAndGet(timeMillis, Math::max);
        }
    }

    /** Records a sample. */
    public void append(LagSample sample) {
        append(sample.cluster(), sample.member(), sample.metric(), sample.timeMillis(), sample.value());
    }

    /** Records the replica's replay state from the last sample. */
    public void replayState(String cluster, String member, ReplayState state) {
        states.put(new SeriesKey(cluster, member, LagMetric.REPLICA_REPLAY_DELAY_SECONDS), state);
    }

    /**
     * Notes the cluster's leader at a time; a marker is recorded when it differs from the last leader seen
     * (the first sighting and a leaderless gap are not changes: the marker goes where a new leader appears).
     */
    public void observeLeader(String cluster, String leader, long timeMillis) {
        if (leader == null) {
            return;
        }
        ClusterMarks m = marks(cluster);
        synchronized (m) {
            if (m.leader != null && !m.leader.equals(leader)) {
                if (m.changes.size() >= MAX_LEADER_CHANGES) {
                    m.changes.remove(0);
                }
                m.changes.add(timeMillis);
            }
            m.leader = leader;
        }
    }

    /** Notes the cluster's {@code maximum_lag_on_failover} (null when unknown). */
    public void maximumLagOnFailover(String cluster, Long bytes) {
        marks(cluster).maxLag = bytes;
    }

    /** Ends one sampling round: readers see a new version once per round, not once per value. */
    public void publish() {
        version.incrementAndGet();
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public List<String> members(String cluster) {
        var set = members.get(cluster);
        return set == null ? List.of() : List.copyOf(set);
    }

    @Override
    public int copy(String cluster, String member, LagMetric metric, long fromMillis, long toMillis,
                    long[] timesOut, double[] valuesOut) {
        RingSeries s = series.get(new SeriesKey(cluster, member, metric));
        return s == null ? 0 : s.copyRange(fromMillis, toMillis, timesOut, valuesOut);
    }

    /** The series itself (for tests and tools), or null. */
    public RingSeries series(String cluster, String member, LagMetric metric) {
        return series.get(new SeriesKey(cluster, member, metric));
    }

    @Override
    public long[] leaderChanges(String cluster, long fromMillis, long toMillis) {
        ClusterMarks m = clusters.get(cluster);
        if (m == null) {
            return new long[0];
        }
        synchronized (m) {
            return m.changes.stream().mapToLong(Long::longValue)
                    .filter(t -> t >= fromMillis && t <= toMillis).toArray();
        }
    }

    @Override
    public OptionalLong maximumLagOnFailover(String cluster) {
        ClusterMarks m = clusters.get(cluster);
        Long v = m == null ? null : m.maxLag;
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public OptionalLong latestTime(String cluster) {
        ClusterMarks m = clusters.get(cluster);
        long t = m == null ? Long.MIN_VALUE : m.latest.get();
        return t == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(t);
    }

    @Override
    public ReplayState replayState(String cluster, String member) {
        return states.getOrDefault(new SeriesKey(cluster, member, LagMetric.REPLICA_REPLAY_DELAY_SECONDS),
                ReplayState.UNKNOWN);
    }

    private ClusterMarks marks(String cluster) {
        return clusters.computeIfAbsent(Objects.requireNonNull(cluster, "cluster"), c -> new ClusterMarks());
    }

    /** Per-cluster facts beside the series. */
    private static final class ClusterMarks {
        final List<Long> changes = new ArrayList<>();
        final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);
        String leader;
        volatile Long maxLag;
    }
}
