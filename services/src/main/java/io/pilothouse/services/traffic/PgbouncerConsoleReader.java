package io.pilothouse.services.traffic;

import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.postgres.PasswordLookup;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Reads PgBouncer's admin console: {@code SHOW DATABASES}, {@code SHOW POOLS}, {@code SHOW SERVERS}, over a
 * {@link ConsoleConnection} (see there why not pgjdbc).
 */
final class PgbouncerConsoleReader {

    /** The console speaks no TLS through this reader: these modes are refused in words rather than downgraded. */
    private static final Set<String> TLS_REQUIRED = Set.of("require", "verify-ca", "verify-full");

    private final PasswordLookup passwords;
    private final TrafficSettings settings;
    private final Clock clock;

    PgbouncerConsoleReader(PasswordLookup passwords, TrafficSettings settings, Clock clock) {
        this.passwords = passwords;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code base} gives the passfile and sslmode; the user is the configured admin or stats user. */
    PgbouncerStatus read(String address, String user, PostgresConfig base, MemberIndex members) {
        long t0 = System.nanoTime();
        NodeAddress at = NodeAddress.parse(address);
        PostgresConfig console = new PostgresConfig(user, PgbouncerRows.CONSOLE, base.passfile(), base.sslmode());
        if (TLS_REQUIRED.contains(console.sslmode())) {
            return new PgbouncerStatus(address, user, ComponentStatus.unreachable("PgBouncer's admin console at "
                    + address + ": sslmode " + console.sslmode() + " is not supported for the console; reach it on "
                    + "loopback or a trusted network with sslmode prefer", clock.instant(), 0), List.of(), List.of(),
                    List.of());
        }
        try (ConsoleConnection c = ConsoleConnection.open(at.host(), at.port(), console.database(), user,
                passwords.find(at.host(), at.port(), console).orElse(null), settings.connectTimeout(),
                settings.readTimeout())) {
            List<PgbouncerDatabase> databases = PgbouncerRows.databases(c.rows("SHOW DATABASES"));
            List<PgbouncerPool> pools = PgbouncerRows.pools(c.rows("SHOW POOLS"));
            List<PgbouncerServer> servers = PgbouncerRows.servers(c.rows("SHOW SERVERS"), members);
            return new PgbouncerStatus(address, user, ComponentStatus.reachable(clock.instant(), ms(t0)), databases,
                    pools, servers);
        } catch (SQLException | RuntimeException e) {
            return new PgbouncerStatus(address, user, ComponentStatus.unreachable(
                    TrafficErrors.describe(e, "PgBouncer's admin console", address, user), clock.instant(), ms(t0)),
                    List.of(), List.of(), List.of());
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
