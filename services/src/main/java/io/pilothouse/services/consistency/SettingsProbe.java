package io.pilothouse.services.consistency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Reads a node's {@code pg_settings} (value in effect, unit, pending restart), {@code synchronous_standby_names} included. */
public final class SettingsProbe {

    static final String SETTINGS = "SELECT name, setting, unit, pending_restart FROM pg_settings";

    private SettingsProbe() {
    }

    /** Every setting of the node on {@code c}, by name. */
    public static Map<String, NodeSetting> read(Connection c) throws SQLException {
        Map<String, NodeSetting> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(SETTINGS); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new NodeSetting(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4)));
            }
        }
        return out;
    }
}
