package io.pilothouse.services.metrics;

import io.pilothouse.services.postgres.ConnectionSource;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples replication lag of every cluster once per interval (1 s by default) into a {@link LagHistory}, on an
 * injected scheduler: never on a UI thread.
 *
 * <p>From the leader's {@code pg_stat_replication}: bytes between {@code pg_current_wal_lsn()} and each of
 * sent/write/flush/replay, and {@code write_lag}/{@code flush_lag}/{@code replay_lag} in seconds. From each
 * replica: its replay delay, reported honestly. {@code now() - pg_last_xact_replay_timestamp()} alone grows
 * without bound on an idle primary (no new transactions to replay), so the rule is:
 * <ul>
 *   <li><b>IDLE</b>, delay 0: the replica has replayed all it received and has received everything up to the
 *       primary's current LSN read in the same round;</li>
 *   <li><b>BEHIND</b>: otherwise; the delay is {@code now() - pg_last_xact_replay_timestamp()} but never more
 *       than the time since the replica was last seen IDLE (plus nothing else: if it was caught up at T, it is at
 *       most {@code now - T} behind), so a WAL record arriving after an hour of idleness does not show as an
 *       hour of delay.</li>
 * </ul>
 * Patroni's lag figure from the cluster snapshot is recorded beside these as {@link LagMetric#PATRONI_LAG_BYTES}.
 *
 * <p>Each cluster is sampled as its own task; a cluster whose previous round is still running (a stalled node)
 * is skipped, which also keeps one writer per series.
 */
public final class LagSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagSampler.class);

    /** Default sampling interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<? extends Collection<ClusterSnapshot>> clusters;
    private final ConnectionSource connections;
    private final LagHistory history;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final LongSupplier clock;
    private final Map<String, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
    /** Per "cluster\0member": when the replica was last seen IDLE (only touched by that cluster's writer). */
    private final Map<String, Long> lastIdle = new ConcurrentHashMap<>();
    /** Nodes that never answered are asked less and less often. */
    private final NodePacing pacing = new NodePacing();
    private ScheduledFuture<?> task;

    /**
     * @param clusters    the clusters to sample, read each round (e.g. {@code () -> estate.latest().clusters()})
     * @param connections opens node connections (e.g. {@code nodeConnections::open})
     * @param history     where samples go
     * @param executor    runs the ticks and the per-cluster rounds (more than one thread lets clusters overlap)
     * @param interval    time between rounds
     * @param clock       epoch milliseconds
     */
    public LagSampler(Supplier<? extends Collection<ClusterSnapshot>> clusters, ConnectionSource connections,
                      LagHistory history, ScheduledExecutorService executor, Duration interval, LongSupplier clock) {
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.history = Objects.requireNonNull(history, "history");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A sampler on the wall clock at the default interval. */
    public LagSampler(Supplier<? extends Collection<ClusterSnapshot>> clusters, ConnectionSource connections,
                      LagHistory history, ScheduledExecutorService executor) {
        this(clusters, connections, history, executor, DEFAULT_INTERVAL, System::currentTimeMillis);
    }

    /** Starts sampling every interval; idempotent. */
    public synchronized void start() {
        if (task == null) {
            task = executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops sampling (rounds already running finish). */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void tick() {
        try {
            for (ClusterSnapshot c : clusters.get()) {
                AtomicBoolean busy = inFlight.computeIfAbsent(LagHistory.clusterId(c), k -> new AtomicBoolean());
                if (busy.compareAndSet(false, true)) {
                    executor.execute(() -> {
                        try {
                            sample(c);
                        } finally {
                            busy.set(false);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            // A failing round must not cancel the periodic task.
            LOG.warn("lag sampling round failed", e);
        }
    }

    /** Samples one cluster now on the calling thread (tests; the scheduler uses it too). */
    public void sample(ClusterSnapshot cluster) {
        String id = LagHistory.clusterId(cluster);
        long now = clock.getAsLong();
        history.observeLeader(id, cluster.leader(), now);
        history.maximumLagOnFailover(id, cluster.maximumLagOnFailover());
        Member leader = cluster.leaderMember().orElse(null);
        String primaryLsn = leader == null ? null : sampleLeader(id, leader, now);
        for (Member m : cluster.members()) {
            if (m.role().isLeaderLike() || m.name().equals(cluster.leader())) {
                continue;
            }
            if (m.patroniLag().known()) {
                history.append(id, m.name(), LagMetric.PATRONI_LAG_BYTES, now, m.patroniLag().bytes());
            }
            if (m.patroniPositions().receiveLag().known()) {
                history.append(id, m.name(), LagMetric.PATRONI_RECEIVE_BYTES, now,
                        m.patroniPositions().receiveLag().bytes());
            }
            if (m.patroniPositions().replayLag().known()) {
                history.append(id, m.name(), LagMetric.PATRONI_REPLAY_BYTES, now,
                        m.patroniPositions().replayLag().bytes());
            }
            sampleReplica(id, m, primaryLsn, now);
        }
        history.publish();
    }

    /** Records the leader's view of each replica; returns its current LSN, or null if it could not be read. */
    private String sampleLeader(String cluster, Member leader, long now) {
        if (leader.host() == null || leader.port() == 0) {
            return null;
        }
        String node = leader.host() + ":" + leader.port();
        if (!pacing.due(node, now)) {
            return null;
        }
        try (Connection c = connections.open(leader.host(), leader.port());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(LagQueries.LEADER)) {
            String lsn = null;
            while (r.next()) {
                lsn = r.getString("current_lsn");
                String replica = r.getString("application_name");
                if (replica == null) {
                    continue;
                }
                append(cluster, replica, LagMetric.SENT_BYTES, now, r, "sent_bytes");
                append(cluster, replica, LagMetric.WRITE_BYTES, now, r, "write_bytes");
                append(cluster, replica, LagMetric.FLUSH_BYTES, now, r, "flush_bytes");
                append(cluster, replica, LagMetric.REPLAY_BYTES, now, r, "replay_bytes");
                append(cluster, replica, LagMetric.WRITE_SECONDS, now, r, "write_s");
                append(cluster, replica, LagMetric.FLUSH_SECONDS, now, r, "flush_s");
                append(cluster, replica, LagMetric.REPLAY_SECONDS, now, r, "replay_s");
            }
            pacing.succeeded(node);
            return lsn;
        } catch (SQLException e) {
            pacing.failed(node, now);
            LOG.debug("lag: leader {} of {} not read: {}", leader.name(), cluster, e.getMessage());
            return null;
        }
    }

    private void sampleReplica(String cluster, Member m, String primaryLsn, long now) {
        String key = cluster + '\u0000' + m.name();
        String node = m.host() + ":" + m.port();
        if (primaryLsn == null || m.host() == null || m.port() == 0 || !pacing.due(node, now)) {
            history.replayState(cluster, m.name(), ReplayState.UNKNOWN);
            return;
        }
        try (Connection c = connections.open(m.host(), m.port());
             PreparedStatement ps = c.prepareStatement(LagQueries.REPLICA)) {
            ps.setString(1, primaryLsn);
            try (ResultSet r = ps.executeQuery()) {
                if (!r.next() || !r.getBoolean("in_recovery")) {
                    history.replayState(cluster, m.name(), ReplayState.UNKNOWN);
                    return;
                }
                boolean replayedAll = r.getBoolean("replayed_all") && !r.wasNull();
                boolean receivedAll = r.getBoolean("received_all") && !r.wasNull();
                double xactDelay = r.getDouble("xact_delay_s");
                boolean noXact = r.wasNull();
                ReplayState state = replayedAll && receivedAll ? ReplayState.IDLE : ReplayState.BEHIND;
                double delay;
                if (state == ReplayState.IDLE) {
                    lastIdle.put(key, now);
                    delay = 0;
                } else {
                    Long idleAt = lastIdle.get(key);
                    double bound = idleAt == null ? Double.POSITIVE_INFINITY : (now - idleAt) / 1000.0;
                    delay = noXact ? (idleAt == null ? Double.NaN : bound) : Math.max(0, Math.min(xactDelay, bound));
                }
                history.replayState(cluster, m.name(), state);
                history.append(cluster, m.name(), LagMetric.REPLICA_REPLAY_DELAY_SECONDS, now, delay);
            }
            pacing.succeeded(node);
        } catch (SQLException e) {
            pacing.failed(node, now);
            history.replayState(cluster, m.name(), ReplayState.UNKNOWN);
            LOG.debug("lag: replica {} of {} not read: {}", m.name(), cluster, e.getMessage());
        }
    }

    private void append(String cluster, String member, LagMetric metric, long now, ResultSet r, String column)
            throws SQLException {
        double v = r.getDouble(column);
        history.append(cluster, member, metric, now, r.wasNull() ? Double.NaN : v);
    }
}
