package io.pilothouse.services.slots;

import static io.pilothouse.services.postgres.Columns.instant;
import static io.pilothouse.services.postgres.Columns.nullableInt;
import static io.pilothouse.services.postgres.Columns.nullableLong;

import io.pilothouse.services.model.ArchiverStatus;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.ReplicationSlot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one node's replication slots and archiver status in three short read-only queries. Works on primaries and
 * standbys and needs no more than {@code pg_monitor}. The caller owns the connection (and its timeouts).
 */
public final class SlotsProbe {

    private final SlotActivityTracker tracker;
    private final SlotRules rules;
    private final Clock clock;

    /**
     * @param tracker remembers inactive-since across probes; share one per estate
     * @param rules   when slots are flagged
     * @param clock   time source for inactive-since and {@link NodeSlots#readAt()}
     */
    public SlotsProbe(SlotActivityTracker tracker, SlotRules rules, Clock clock) {
        this.tracker = tracker;
        this.rules = rules;
        this.clock = clock;
    }

    /** Reads {@code node}'s slots and archiver through {@code c}. */
    public NodeSlots read(String node, Connection c) throws SQLException {
        Instant now = clock.instant();
        boolean inRecovery;
        String walLsn;
        String archiveMode;
        try (PreparedStatement ps = c.prepareStatement(SlotQueries.POSITION); ResultSet rs = ps.executeQuery()) {
            rs.next();
            inRecovery = rs.getBoolean("in_recovery");
            walLsn = rs.getString("wal_lsn");
            archiveMode = rs.getString("archive_mode");
        }
        List<ReplicationSlot> slots = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SlotQueries.SLOTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString("slot_name");
                boolean active = rs.getBoolean("active");
                String walStatus = rs.getString("wal_status");
                Long retained = nullableLong(rs, "retained_bytes");
                names.add(name);
                slots.add(new ReplicationSlot(name, rs.getString("slot_type"), rs.getString("plugin"),
                        rs.getString("database"), rs.getBoolean("temporary"), active, nullableInt(rs, "active_pid"),
                        walStatus, nullableLong(rs, "safe_wal_size"), rs.getString("restart_lsn"),
                        rs.getString("confirmed_flush_lsn"), retained, tracker.observe(node, name, active, now),
                        rules.flags(active, walStatus, retained)));
            }
        }
        tracker.retain(node, names);
        ArchiverStatus archiver;
        try (PreparedStatement ps = c.prepareStatement(SlotQueries.ARCHIVER); ResultSet rs = ps.executeQuery()) {
            rs.next();
            archiver = new ArchiverStatus(archiveMode, rs.getLong("archived_count"), rs.getString("last_archived_wal"),
                    instant(rs, "last_archived_time"), rs.getLong("failed_count"), rs.getString("last_failed_wal"),
                    instant(rs, "last_failed_time"), instant(rs, "stats_reset"));
        }
        return new NodeSlots(node, inRecovery, walLsn, slots, archiver, now);
    }
}
