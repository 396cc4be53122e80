package io.pilothouse.services.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small read-only queries tests make against real servers. */
public final class SqlProbe {

    private SqlProbe() {
    }

    /** The first column of the first row, or null when there is none. */
    public static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** {@code count(*)} of {@code table} (a name written by the test). */
    public static long count(Connection c, String table) throws SQLException {
        return Long.parseLong(single(c, "SELECT count(*) FROM " + table));
    }

    /** True when {@code table} exists ({@code to_regclass}). */
    public static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
