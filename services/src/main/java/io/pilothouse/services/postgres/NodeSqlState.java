package io.pilothouse.services.postgres;

import java.util.List;
import java.util.Optional;

/**
 * What one PostgreSQL node says about itself and its replication, read in one round.
 *
 * @param inRecovery         {@code pg_is_in_recovery()}
 * @param serverVersion      {@code server_version}, e.g. {@code 15.18 (Debian 15.18-0+deb12u1)} shortened to {@code 15.18}
 * @param replicas           {@code pg_stat_replication} rows (empty on most standbys)
 * @param walReceiver        {@code pg_stat_wal_receiver} on a standby, or null
 * @param replayDelaySeconds {@code now() - pg_last_xact_replay_timestamp()} on a standby, or null
 * @param backends           {@code sum(numbackends)} over {@code pg_stat_database}, or null when not read
 * @param synchronousStandbyNames {@code synchronous_standby_names} in force on this node, or null when not read
 */
public record NodeSqlState(boolean inRecovery, String serverVersion, List<ReplicaStat> replicas,
                           WalReceiver walReceiver, Double replayDelaySeconds, Long backends,
                           String synchronousStandbyNames) {

    /** A state without {@code synchronous_standby_names}. */
    public NodeSqlState(boolean inRecovery, String serverVersion, List<ReplicaStat> replicas,
                        WalReceiver walReceiver, Double replayDelaySeconds, Long backends) {
        this(inRecovery, serverVersion, replicas, walReceiver, replayDelaySeconds, backends, null);
    }

    /** A state without a connection count. */
    public NodeSqlState(boolean inRecovery, String serverVersion, List<ReplicaStat> replicas,
                        WalReceiver walReceiver, Double replayDelaySeconds) {
        this(inRecovery, serverVersion, replicas, walReceiver, replayDelaySeconds, null, null);
    }

    public NodeSqlState {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    /** The {@code pg_stat_replication} row of the replica with this application_name. */
    public Optional<ReplicaStat> replica(String applicationName) {
        return replicas.stream().filter(r -> applicationName.equals(r.applicationName())).findFirst();
    }

    /**
     * One {@code pg_stat_replication} row with byte lags against the sender's current WAL position.
     *
     * @param applicationName  replica's application_name (its Patroni member name)
     * @param clientAddr       replica address, or null
     * @param state            walsender state
     * @param syncState        sync state
     * @param syncPriority     sync priority
     * @param sentLagBytes     current WAL position minus sent_lsn
     * @param writeLagBytes    minus write_lsn
     * @param flushLagBytes    minus flush_lsn
     * @param replayLagBytes   minus replay_lsn
     * @param writeLagSeconds  write_lag interval in seconds, or null
     * @param flushLagSeconds  flush_lag in seconds, or null
     * @param replayLagSeconds replay_lag in seconds, or null
     */
    public record ReplicaStat(String applicationName, String clientAddr, String state, String syncState,
                              Integer syncPriority, Long sentLagBytes, Long writeLagBytes, Long flushLagBytes,
                              Long replayLagBytes, Double writeLagSeconds, Double flushLagSeconds,
                              Double replayLagSeconds) {
    }

    /**
     * {@code pg_stat_wal_receiver} on a standby: who it streams from.
     *
     * @param senderHost upstream host
     * @param senderPort upstream port
     * @param status     receiver status ({@code streaming}, …)
     * @param slotName   replication slot used, or null
     */
    public record WalReceiver(String senderHost, Integer senderPort, String status, String slotName) {
    }
}
