package io.pilothouse.services.traffic;

import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Reads Pgpool-II's {@code SHOW POOL_NODES} over a normal connection as the source's PostgreSQL user. */
final class PgpoolNodesReader {

    private final SimpleQueryConnector connector;
    private final Clock clock;

    PgpoolNodesReader(SimpleQueryConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    PgpoolStatus read(String address, Integer pcpPort, PostgresConfig config, MemberIndex members) {
        long t0 = System.nanoTime();
        NodeAddress at = NodeAddress.parse(address);
        try (Connection c = connector.open(at.host(), at.port(), config)) {
            List<PgpoolNode> nodes = PgpoolRows.nodes(SimpleQueryConnector.rows(c, "SHOW POOL_NODES"), members);
            return new PgpoolStatus(address, pcpPort, ComponentStatus.reachable(clock.instant(), ms(t0)), nodes);
        } catch (SQLException | RuntimeException e) {
            return new PgpoolStatus(address, pcpPort, ComponentStatus.unreachable(
                    TrafficErrors.describe(e, "Pgpool-II", address, config.user()), clock.instant(), ms(t0)),
                    List.of());
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
