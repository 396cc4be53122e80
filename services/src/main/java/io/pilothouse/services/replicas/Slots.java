package io.pilothouse.services.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Physical slots on an upstream, created and dropped as the replication role (REPLICATION may do both). */
final class Slots {

    static final String CREATE = "SELECT pg_create_physical_replication_slot(?, true)";
    static final String DROP = "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name = ?";

    private Slots() {
    }

    static void create(ReplicaSql sql, String user, UpstreamMember up, String slot) throws SQLException {
        try (Connection c = sql.as(user, "postgres", up.host(), up.port());
             PreparedStatement ps = c.prepareStatement(CREATE)) {
            ps.setString(1, slot);
            ps.execute();
        }
    }

    /** Drops the slot if it exists; true when it did. */
    static boolean drop(ReplicaSql sql, String user, UpstreamMember up, String slot) throws SQLException {
        try (Connection c = sql.as(user, "postgres", up.host(), up.port());
             PreparedStatement ps = c.prepareStatement(DROP)) {
            ps.setString(1, slot);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
