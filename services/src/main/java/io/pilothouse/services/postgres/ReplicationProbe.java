package io.pilothouse.services.postgres;

import static io.pilothouse.services.postgres.Columns.nullableDouble;
import static io.pilothouse.services.postgres.Columns.nullableInt;
import static io.pilothouse.services.postgres.Columns.nullableLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a node's recovery state and replication statistics in one short round of read-only queries. */
public final class ReplicationProbe {

    private ReplicationProbe() {
    }

    /** Runs the probe on an open connection. */
    public static NodeSqlState read(Connection c) throws SQLException {
        boolean inRecovery;
        String version;
        Double replayDelay;
        Long backends;
        String standbyNames;
        try (PreparedStatement ps = c.prepareStatement(ReplicationQueries.NODE); ResultSet rs = ps.executeQuery()) {
            rs.next();
            inRecovery = rs.getBoolean("in_recovery");
            version = rs.getString("server_version");
            replayDelay = nullableDouble(rs, "replay_delay");
            long n = rs.getLong("backends");
            backends = rs.wasNull() ? null : n;
            standbyNames = rs.getString("synchronous_standby_names");
        }
        List<NodeSqlState.ReplicaStat> replicas = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ReplicationQueries.REPLICATION); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                replicas.add(new NodeSqlState.ReplicaStat(rs.getString("application_name"), rs.getString("client_addr"),
                        rs.getString("state"), rs.getString("sync_state"), nullableInt(rs, "sync_priority"),
                        nullableLong(rs, "sent_lag"), nullableLong(rs, "write_lag_bytes"),
                        nullableLong(rs, "flush_lag_bytes"), nullableLong(rs, "replay_lag_bytes"),
                        nullableDouble(rs, "write_lag_s"), nullableDouble(rs, "flush_lag_s"),
                        nullableDouble(rs, "replay_lag_s")));
            }
        }
        NodeSqlState.WalReceiver receiver = null;
        if (inRecovery) {
            try (PreparedStatement ps = c.prepareStatement(ReplicationQueries.WAL_RECEIVER);
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    receiver = new NodeSqlState.WalReceiver(rs.getString("sender_host"), nullableInt(rs, "sender_port"),
                            rs.getString("status"), rs.getString("slot_name"));
                }
            }
        }
        return new NodeSqlState(inRecovery, version, replicas, receiver, replayDelay, backends, standbyNames);
    }
}
