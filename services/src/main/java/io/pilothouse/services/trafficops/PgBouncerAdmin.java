package io.pilothouse.services.trafficops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * PgBouncer's admin console: the virtual database {@code pgbouncer}, simple query protocol only (pgjdbc
 * {@code preferQueryMode=simple}). Columns are read by name and tolerated when absent (older versions lack some).
 * A database name is only ever sent after it matched {@link #NAME}: the console has no parameters to bind.
 */
public final class PgBouncerAdmin implements AutoCloseable {

    /** Database names the console commands accept from Pilothouse. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final PgBouncerAddress address;
    private final Connection connection;

    private PgBouncerAdmin(PgBouncerAddress address, Connection connection) {
        this.address = address;
        this.connection = connection;
    }

    /**
     * Logs in to the console.
     *
     * @param password the admin user's password (pgpass, keyring), or empty for trust
     * @throws TrafficSourceException in words: unreachable, refused, not an admin user
     */
    public static PgBouncerAdmin open(PgBouncerAddress address, Supplier<Optional<char[]>> password,
                                      Duration timeout) throws TrafficSourceException {
        Properties p = new Properties();
        p.setProperty("user", address.user());
        password.get().ifPresent(pw -> p.setProperty("password", new String(pw)));
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds()) + 30));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("ApplicationName", "pilothouse");
        p.setProperty("assumeMinServerVersion", "9.0");
        String url = "jdbc:postgresql://" + address.host() + ":" + address.port() + "/pgbouncer";
        try {
            return new PgBouncerAdmin(address, DriverManager.getConnection(url, p));
        } catch (SQLException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("not allowed") || "08P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())
                    || "28P01".equals(e.getSQLState())) {
                throw new TrafficSourceException("PgBouncer at " + address.label() + " refused " + address.user()
                        + " on its admin console: " + why + " (list the user in admin_users, and its password in "
                        + "pgpass for database pgbouncer)", e);
            }
            throw new TrafficSourceException("cannot reach PgBouncer's admin console at " + address.label() + ": "
                    + why, e);
        }
    }

    /** Where this console is. */
    public PgBouncerAddress address() {
        return address;
    }

    /** Checks {@code name} can be sent to the console; returns it. */
    public static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a PgBouncer database name Pilothouse sends "
                    + "(letters, digits and _, not starting with a digit)");
        }
        return name;
    }

    /** The database {@code name} with its pools, or empty when PgBouncer has no such database. */
    public Optional<PgBouncerDatabase> database(String name) throws TrafficSourceException {
        return Optional.ofNullable(databases().get(name));
    }

    /** Every database with its pools summed, by name. */
    public Map<String, PgBouncerDatabase> databases() throws TrafficSourceException {
        Map<String, PgBouncerDatabase> out = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            Map<String, long[]> pools = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SHOW POOLS")) {
                Set<String> cols = columns(rs);
                while (rs.next()) {
                    long[] sum = pools.computeIfAbsent(rs.getString("database"), k -> new long[4]);
                    sum[0] += num(rs, cols, "cl_active");
                    sum[1] += num(rs, cols, "cl_waiting");
                    sum[2] += num(rs, cols, "sv_active") + num(rs, cols, "sv_idle") + num(rs, cols, "sv_used")
                            + num(rs, cols, "sv_tested") + num(rs, cols, "sv_login");
                    sum[3] = Math.max(sum[3], num(rs, cols, "maxwait") * 1_000_000L + num(rs, cols, "maxwait_us"));
                }
            }
            try (ResultSet rs = s.executeQuery("SHOW DATABASES")) {
                Set<String> cols = columns(rs);
                while (rs.next()) {
                    String name = rs.getString("name");
                    long[] sum = pools.getOrDefault(name, new long[4]);
                    String host = cols.contains("host") && rs.getString("host") != null ? rs.getString("host") : "";
                    out.put(name, new PgBouncerDatabase(name, host, (int) num(rs, cols, "port"),
                            cols.contains("database") ? rs.getString("database") : name,
                            num(rs, cols, "paused") != 0, sum[0], sum[1], sum[2], sum[3]));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new TrafficSourceException("PgBouncer at " + address.label() + " did not list its databases: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sends {@code command} for database {@code name}. PAUSE returns only once the server connections are released
     * (a client in a long transaction holds it up), so the statement is bounded by {@code timeout}.
     */
    public void send(PgBouncerCommand command, String name, Duration timeout) throws TrafficSourceException {
        String sql = command.word() + " " + checkedName(name);
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            s.execute(sql);
        } catch (SQLException e) {
            throw new TrafficSourceException("PgBouncer at " + address.label() + " refused '" + sql + "': "
                    + e.getMessage(), e);
        }
    }

    private static Set<String> columns(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Set<String> out = new HashSet<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }

    private static long num(ResultSet rs, Set<String> cols, String name) throws SQLException {
        if (!cols.contains(name)) {
            return 0;
        }
        String v = rs.getString(name);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a console connection that already broke: nothing to do
        }
    }
}
