package io.pilothouse.services.traffic;

import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.workspace.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens short-lived connections with the simple query protocol ({@code preferQueryMode=simple}): PgBouncer's admin
 * console speaks nothing else, and through a transaction-pooling PgBouncer or Pgpool no prepared statement outlives
 * its transaction. No {@code options} startup parameter either, and no {@code assumeMinServerVersion}: with it pgjdbc
 * puts {@code extra_float_digits} in the startup packet, which PgBouncer's console refuses ("SET failed"); without
 * it pgjdbc sets that only on a server that reports 9.0 or later, which the console (its own version) does not. The password comes
 * from the lookup (pgpass, keyring) and never leaves the properties.
 */
final class SimpleQueryConnector {

    private final PasswordLookup passwords;
    private final TrafficSettings settings;

    SimpleQueryConnector(PasswordLookup passwords, TrafficSettings settings) {
        this.passwords = passwords;
        this.settings = settings;
    }

    Connection open(String host, int port, PostgresConfig config) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        Optional<char[]> password = passwords.find(host, port, config);
        password.ifPresent(p -> {
            props.setProperty("password", new String(p));
            Arrays.fill(p, '\0');
        });
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("ApplicationName", "pilothouse-traffic");
        props.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        props.setProperty("loginTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        props.setProperty("socketTimeout", Long.toString(Math.max(1, settings.readTimeout().toSeconds())));
        props.setProperty("sslmode", config.sslmode());
        props.setProperty("tcpKeepAlive", "false");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + config.database(), props);
    }

    /** Every row of {@code sql} as column name to text, in column order. */
    static List<Map<String, String>> rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
