package io.pilothouse.services.traffic;

import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Reads PgBouncer's admin console: {@code SHOW DATABASES}, {@code SHOW POOLS}, {@code SHOW SERVERS}. */
final class PgbouncerConsoleReader {

    private final SimpleQueryConnector connector;
    private final Clock clock;

    PgbouncerConsoleReader(SimpleQueryConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    /** {@code base} gives the passfile and sslmode; the user is the configured admin or stats user. */
    PgbouncerStatus read(String address, String user, PostgresConfig base, MemberIndex members) {
        long t0 = System.nanoTime();
        NodeAddress at = NodeAddress.parse(address);
        PostgresConfig console = new PostgresConfig(user, PgbouncerRows.CONSOLE, base.passfile(), base.sslmode());
        try (Connection c = connector.open(at.host(), at.port(), console)) {
            List<PgbouncerDatabase> databases = PgbouncerRows.databases(SimpleQueryConnector.rows(c,
                    "SHOW DATABASES"));
            List<PgbouncerPool> pools = PgbouncerRows.pools(SimpleQueryConnector.rows(c, "SHOW POOLS"));
            List<PgbouncerServer> servers = PgbouncerRows.servers(SimpleQueryConnector.rows(c, "SHOW SERVERS"),
                    members);
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
