package io.pilothouse.services.consistency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a node's {@code pg_settings} (value in effect, unit, pending restart), {@code synchronous_standby_names}
 * included.
 */
public final class SettingsProbe {

    static final String SETTINGS = "SELECT name, setting, unit, pending_restart FROM pg_settings";
    static final String STANDBY_NAMES = "SELECT name, setting, unit, pending_restart FROM pg_settings "
            + "WHERE name = 'synchronous_standby_names'";

    private SettingsProbe() {
    }

    /** Every setting of the node on {@code c}, by name. */
    public static Map<String, NodeSetting> read(Connection c) throws SQLException {
        return query(c, SETTINGS);
    }

    /**
     * Only {@code synchronous_standby_names}: Patroni changes it as standbys come and go, so it is read every round,
     * the rest with the slots.
     */
    public static Map<String, NodeSetting> readStandbyNames(Connection c) throws SQLException {
        return query(c, STANDBY_NAMES);
    }

    private static Map<String, NodeSetting> query(Connection c, String sql) throws SQLException {
        Map<String, NodeSetting> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new NodeSetting(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4)));
            }
        }
        return out;
    }
}
