package io.pilothouse.services.trafficops;

import io.pilothouse.services.traffic.ConsoleConnection;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * PgBouncer's admin console: the virtual database {@code pgbouncer}, simple queries only, spoken by
 * {@link ConsoleConnection} (see there why not pgjdbc). Columns are read by name and tolerated when absent (older versions
 * lack some). A database name is only ever sent after it matched {@link #NAME}: the console has no parameters.
 */
public final class PgBouncerAdmin implements AutoCloseable {

    /** Database names the console commands accept from Pilothouse. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final PgBouncerAddress address;
    private final ConsoleConnection wire;
    private final Duration timeout;

    private PgBouncerAdmin(PgBouncerAddress address, ConsoleConnection wire, Duration timeout) {
        this.address = address;
        this.wire = wire;
        this.timeout = timeout;
    }

    /**
     * Logs in to the console.
     *
     * @param password the admin user's password (pgpass, keyring), or empty for trust
     * @throws TrafficSourceException in words: unreachable, refused, not an admin user
     */
    public static PgBouncerAdmin open(PgBouncerAddress address, Supplier<Optional<char[]>> password,
                                      Duration timeout) throws TrafficSourceException {
        try {
            ConsoleConnection wire = ConsoleConnection.open(address.host(), address.port(), "pgbouncer",
                    address.user(), password.get().orElse(null), timeout, timeout);
            return new PgBouncerAdmin(address, wire, timeout);
        } catch (SQLException e) {
            if (timedOut(e)) {
                throw new TrafficSourceException("PgBouncer's admin console at " + address.label() + " did not "
                        + "answer within " + timeout.toMillis() + " ms", e);
            }
            if (transport(e)) {
                throw new TrafficSourceException("cannot reach PgBouncer's admin console at " + address.label()
                        + ": " + e.getMessage(), e);
            }
            throw new TrafficSourceException("PgBouncer at " + address.label() + " refused " + address.user()
                    + " on its admin console: " + e.getMessage() + " (list the user in admin_users, and its password "
                    + "in pgpass for database pgbouncer)", e);
        }
    }

    /** The console stopped answering within the read timeout. */
    private static boolean timedOut(SQLException e) {
        return e.getCause() instanceof SocketTimeoutException;
    }

    /**
     * The connection failed or broke, as opposed to the console answering with an error: {@link ConsoleConnection}
     * wraps transport failures with their I/O cause, while the console's own errors (and a refused login) carry none.
     */
    private static boolean transport(SQLException e) {
        return e.getCause() instanceof java.io.IOException;
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
        Map<String, long[]> pools = new LinkedHashMap<>();
        for (Map<String, String> row : run("SHOW POOLS")) {
            long[] sum = pools.computeIfAbsent(row.get("database"), k -> new long[4]);
            sum[0] += num(row, "cl_active");
            sum[1] += num(row, "cl_waiting");
            sum[2] += num(row, "sv_active") + num(row, "sv_idle") + num(row, "sv_used") + num(row, "sv_tested")
                    + num(row, "sv_login");
            sum[3] = Math.max(sum[3], num(row, "maxwait") * 1_000_000L + num(row, "maxwait_us"));
        }
        for (Map<String, String> row : run("SHOW DATABASES")) {
            String name = row.get("name");
            long[] sum = pools.getOrDefault(name, new long[4]);
            String host = row.get("host") == null ? "" : row.get("host");
            out.put(name, new PgBouncerDatabase(name, host, (int) num(row, "port"),
                    row.get("database") == null ? name : row.get("database"), num(row, "paused") != 0, sum[0],
                    sum[1], sum[2], sum[3]));
        }
        return out;
    }

    /**
     * Sends {@code command} for database {@code name}. PAUSE returns only once the server connections are released
     * (a client in a long transaction holds it up), so the wait is bounded by {@code wait}.
     */
    public void send(PgBouncerCommand command, String name, Duration wait) throws TrafficSourceException {
        String sql = command.word() + " " + checkedName(name);
        try {
            wire.readTimeout(wait);
            wire.rows(sql);
        } catch (SQLException e) {
            if (timedOut(e)) {
                throw new TrafficSourceException("PgBouncer at " + address.label() + " did not finish '" + sql
                        + "' within " + wait.toSeconds() + " s", e);
            }
            if (transport(e)) {
                throw new TrafficSourceException("PgBouncer at " + address.label() + " broke off during '" + sql
                        + "': " + e.getMessage(), e);
            }
            throw new TrafficSourceException("PgBouncer at " + address.label() + " refused '" + sql + "': "
                    + e.getMessage(), e);
        } finally {
            try {
                wire.readTimeout(timeout);
            } catch (SQLException ignored) {
                // the connection is gone; the next call says so
            }
        }
    }

    private List<Map<String, String>> run(String sql) throws TrafficSourceException {
        try {
            return wire.rows(sql);
        } catch (SQLException e) {
            throw new TrafficSourceException("PgBouncer at " + address.label() + " did not answer '" + sql + "': "
                    + e.getMessage(), e);
        }
    }

    private static long num(Map<String, String> row, String name) {
        String v = row.get(name);
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
        wire.close();
    }
}
