package io.pilothouse.services.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Alert thresholds as written under the workspace's optional top-level {@code alerts:} key. Every field is optional:
 * null means "use the default" (see {@code AlertThresholds} in the alerts package).
 *
 * <pre>
 * alerts:
 *   lagBytes: 16777216            # default: the cluster's maximum_lag_on_failover, else 16 MiB
 *   lagSeconds: 30
 *   lagForSeconds: 30             # how long lag must last before it alerts
 *   notStreamingForSeconds: 10
 *   leaderMissingForSeconds: 10
 *   slotRetainedBytes: 1073741824
 *   slotInactiveForSeconds: 60
 *   connections: 150              # sum(numbackends) per node
 *   connectionsForSeconds: 300
 *   leaseFraction: 0.34           # leader lease left below this fraction of ttl
 *   preparedAgeSeconds: 60        # a prepared (2PC) transaction older than this
 *   preparedXidAgeFraction: 0.5   # ... or whose xid age passes this fraction of autovacuum_freeze_max_age
 * </pre>
 *
 * @param lagBytes                replica replay lag in bytes above which it alerts
 * @param lagSeconds              replica replay lag in seconds above which it alerts
 * @param lagForSeconds           how long the lag must last
 * @param notStreamingForSeconds  how long a replica may be seen not streaming before it alerts
 * @param leaderMissingForSeconds how long a cluster may have no leader before it alerts
 * @param slotRetainedBytes       WAL a slot may hold back before it alerts
 * @param slotInactiveForSeconds  how long a slot on the primary may be inactive before it alerts
 * @param connections             client backends per node above which it alerts
 * @param connectionsForSeconds   how long the connection count must stay above the threshold
 * @param leaseFraction           fraction of the DCS ttl: alert when the leader lease has less left
 * @param preparedAgeSeconds      how long a prepared transaction may wait for its commit or rollback
 * @param preparedXidAgeFraction  fraction of {@code autovacuum_freeze_max_age} a prepared transaction's xid age may
 *                                reach
 */
public record AlertsConfig(Long lagBytes, Double lagSeconds, Long lagForSeconds, Long notStreamingForSeconds,
                           Long leaderMissingForSeconds, Long slotRetainedBytes, Long slotInactiveForSeconds,
                           Long connections, Long connectionsForSeconds, Double leaseFraction,
                           Long preparedAgeSeconds, Double preparedXidAgeFraction) {

    /** Nothing set: every default applies. */
    public static final AlertsConfig DEFAULTS =
            new AlertsConfig(null, null, null, null, null, null, null, null, null, null, null, null);

    /** Without the prepared-transaction thresholds. */
    public AlertsConfig(Long lagBytes, Double lagSeconds, Long lagForSeconds, Long notStreamingForSeconds,
                        Long leaderMissingForSeconds, Long slotRetainedBytes, Long slotInactiveForSeconds,
                        Long connections, Long connectionsForSeconds, Double leaseFraction) {
        this(lagBytes, lagSeconds, lagForSeconds, notStreamingForSeconds, leaderMissingForSeconds, slotRetainedBytes,
                slotInactiveForSeconds, connections, connectionsForSeconds, leaseFraction, null, null);
    }

    /** Problems with the values, each naming the field; empty when valid. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        positive(out, "lagBytes", lagBytes);
        positive(out, "lagSeconds", lagSeconds);
        notNegative(out, "lagForSeconds", lagForSeconds);
        notNegative(out, "notStreamingForSeconds", notStreamingForSeconds);
        notNegative(out, "leaderMissingForSeconds", leaderMissingForSeconds);
        positive(out, "slotRetainedBytes", slotRetainedBytes);
        notNegative(out, "slotInactiveForSeconds", slotInactiveForSeconds);
        positive(out, "connections", connections);
        notNegative(out, "connectionsForSeconds", connectionsForSeconds);
        if (leaseFraction != null && (leaseFraction <= 0 || leaseFraction >= 1)) {
            out.add("alerts.leaseFraction is " + leaseFraction + "; use a fraction of the ttl between 0 and 1, "
                    + "e.g. 0.34 (alert when less than a third of the lease is left)");
        }
        notNegative(out, "preparedAgeSeconds", preparedAgeSeconds);
        if (preparedXidAgeFraction != null && (preparedXidAgeFraction <= 0 || preparedXidAgeFraction >= 1)) {
            out.add("alerts.preparedXidAgeFraction is " + preparedXidAgeFraction + "; use a fraction of "
                    + "autovacuum_freeze_max_age between 0 and 1, e.g. 0.5");
        }
        return out;
    }

    private static void positive(List<String> out, String field, Number v) {
        if (v != null && v.doubleValue() <= 0) {
            out.add("alerts." + field + " is " + v + "; it must be greater than 0 (leave it out for the default)");
        }
    }

    private static void notNegative(List<String> out, String field, Number v) {
        if (v != null && v.doubleValue() < 0) {
            out.add("alerts." + field + " is " + v + "; it must be 0 or more seconds (leave it out for the default)");
        }
    }
}
