package io.pilothouse.services.replicas;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads {@link UpstreamFacts} over SQL; the monitoring role ({@code pg_monitor}) reads all but pg_hba rules. */
final class UpstreamProbe {

    static final String SETTINGS = "SELECT current_setting('server_version_num')::int,"
            + " (SELECT coalesce(sum(pg_database_size(oid)), 0) FROM pg_database WHERE datallowconn),"
            + " (SELECT coalesce(sum(size), 0) FROM pg_ls_waldir()),"
            + " current_setting('max_wal_senders')::int,"
            + " (SELECT count(*) FROM pg_stat_replication)::int,"
            + " current_setting('max_replication_slots')::int,"
            + " (SELECT count(*) FROM pg_replication_slots)::int,"
            + " (SELECT array_agg(slot_name::text) FROM pg_replication_slots)";
    static final String HBA = "SELECT line_number, type, database, user_name, address, netmask, auth_method"
            + " FROM pg_hba_file_rules WHERE error IS NULL ORDER BY line_number";

    private UpstreamProbe() {
    }

    /**
     * @param settings a connection to the upstream (the monitoring role is enough)
     * @param hba      a connection that may read pg_hba_file_rules (a superuser), or the same one
     */
    static UpstreamFacts read(Connection settings, Connection hba) throws SQLException {
        int version;
        long db;
        long wal;
        int maxSenders;
        int senders;
        int maxSlots;
        int slots;
        List<String> slotNames;
        try (PreparedStatement ps = settings.prepareStatement(SETTINGS); ResultSet rs = ps.executeQuery()) {
            rs.next();
            version = rs.getInt(1);
            db = rs.getLong(2);
            wal = rs.getLong(3);
            maxSenders = rs.getInt(4);
            senders = rs.getInt(5);
            maxSlots = rs.getInt(6);
            slots = rs.getInt(7);
            slotNames = list(rs.getArray(8));
        }
        List<HbaRule> rules = null;
        String problem = null;
        try (PreparedStatement ps = hba.prepareStatement(HBA); ResultSet rs = ps.executeQuery()) {
            rules = new ArrayList<>();
            while (rs.next()) {
                rules.add(new HbaRule(rs.getInt(1), rs.getString(2), list(rs.getArray(3)), list(rs.getArray(4)),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        } catch (SQLException e) {
            problem = "42501".equals(e.getSQLState())
                    ? "this login may not read pg_hba_file_rules (superusers only on PostgreSQL 15)"
                    : e.getMessage();
        }
        return new UpstreamFacts(version, db, wal, maxSenders, senders, maxSlots, slots, slotNames, rules, problem);
    }

    private static List<String> list(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
