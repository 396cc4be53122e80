package io.pilothouse.services.alerts;

import io.pilothouse.services.workspace.AlertsConfig;

import java.time.Duration;

/**
 * Resolved alert thresholds: the workspace's {@code alerts:} values with defaults filled in.
 *
 * @param lagBytes            replay lag in bytes, or null to use each cluster's {@code maximum_lag_on_failover}
 *                            (16 MiB when the cluster has none)
 * @param lagSeconds          replay lag in seconds
 * @param lagFor              how long lag must last
 * @param notStreamingFor     how long a replica may be seen not streaming
 * @param leaderMissingFor    how long a cluster may be without a leader
 * @param slotRetainedBytes   WAL a slot may hold back
 * @param slotInactiveFor     how long a slot on the primary may be inactive
 * @param connections         client backends per node
 * @param connectionsFor      how long the count must stay above the threshold
 * @param leaseFraction       fraction of the ttl below which the leader lease alerts
 * @param preparedAge         how old a prepared transaction may get
 * @param preparedXidFraction fraction of {@code autovacuum_freeze_max_age} a prepared transaction's xid age may reach
 */
public record AlertThresholds(Long lagBytes, double lagSeconds, Duration lagFor, Duration notStreamingFor,
                              Duration leaderMissingFor, long slotRetainedBytes, Duration slotInactiveFor,
                              long connections, Duration connectionsFor, double leaseFraction, Duration preparedAge,
                              double preparedXidFraction) {

    /** Lag in bytes when neither the workspace nor the cluster says: 16 MiB. */
    public static final long DEFAULT_LAG_BYTES = 16L << 20;

    /** The defaults: lag 30 s for 30 s, slots 1 GiB or 60 s inactive, 150 connections for 5 min, a third of ttl. */
    public static final AlertThresholds DEFAULTS = of(AlertsConfig.DEFAULTS);

    /** The thresholds of a workspace's {@code alerts:} section (null for all defaults). */
    public static AlertThresholds of(AlertsConfig c) {
        AlertsConfig x = c == null ? AlertsConfig.DEFAULTS : c;
        return new AlertThresholds(x.lagBytes(),
                or(x.lagSeconds(), 30.0),
                seconds(x.lagForSeconds(), 30),
                seconds(x.notStreamingForSeconds(), 10),
                seconds(x.leaderMissingForSeconds(), 10),
                or(x.slotRetainedBytes(), 1L << 30),
                seconds(x.slotInactiveForSeconds(), 60),
                or(x.connections(), 150L),
                seconds(x.connectionsForSeconds(), 300),
                or(x.leaseFraction(), 0.34),
                seconds(x.preparedAgeSeconds(), 60),
                or(x.preparedXidAgeFraction(), 0.5));
    }

    /** The byte lag threshold for a cluster whose {@code maximum_lag_on_failover} is {@code maximumLagOnFailover}. */
    public long lagBytesFor(Long maximumLagOnFailover) {
        if (lagBytes != null) {
            return lagBytes;
        }
        return maximumLagOnFailover != null && maximumLagOnFailover > 0 ? maximumLagOnFailover : DEFAULT_LAG_BYTES;
    }

    private static <T> T or(T v, T fallback) {
        return v == null ? fallback : v;
    }

    private static Duration seconds(Long v, long fallback) {
        return Duration.ofSeconds(v == null ? fallback : v);
    }
}
