package io.pilothouse.services.traffic;

import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Connects THROUGH an entry point and asks the server who it is: its address ({@code inet_server_addr()},
 * {@code inet_server_port()}) joined to a member, its system identifier and {@code pg_is_in_recovery()}. A port alone
 * identifies nothing (every node of a real estate may listen on 5432).
 */
final class EntryPointVerifier {

    /**
     * Pgpool-II sends a statement starting with this comment to its primary instead of load-balancing it: the
     * question is where writes go. PostgreSQL and PgBouncer read it as a comment.
     */
    static final String IDENTIFY = "/*NO LOAD BALANCE*/ SELECT (SELECT system_identifier FROM pg_control_system())"
            + "::text AS sysid, pg_is_in_recovery() AS recovery, host(inet_server_addr()) AS addr, "
            + "inet_server_port() AS port";
    /** Without {@code pg_control_system()} (not granted to the role): address and recovery only. */
    static final String IDENTIFY_WITHOUT_SYSID = "/*NO LOAD BALANCE*/ SELECT NULL::text AS sysid, "
            + "pg_is_in_recovery() AS recovery, host(inet_server_addr()) AS addr, inet_server_port() AS port";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final SimpleQueryConnector connector;
    private final Clock clock;

    EntryPointVerifier(SimpleQueryConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    Verification verify(String address, PostgresConfig config, MemberIndex members) {
        NodeAddress at = NodeAddress.parse(address);
        try (Connection c = connector.open(at.host(), at.port(), config)) {
            Map<String, String> row = identify(c);
            String server = row.get("addr") == null ? null : MemberIndex.address(row.get("addr"),
                    Integer.parseInt(row.get("port")));
            Long sysid = row.get("sysid") == null ? null : Long.parseLong(row.get("sysid"));
            return new Verification(members.memberAt(server), server, sysid, Rows.flag(row, "recovery"), null,
                    clock.instant());
        } catch (SQLException | RuntimeException e) {
            return new Verification(null, null, null, null, TrafficErrors.describe(e, "entry point", address,
                    config.user()), clock.instant());
        }
    }

    private static Map<String, String> identify(Connection c) throws SQLException {
        List<Map<String, String>> rows;
        try {
            rows = SimpleQueryConnector.rows(c, IDENTIFY);
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            rows = SimpleQueryConnector.rows(c, IDENTIFY_WITHOUT_SYSID);
        }
        if (rows.isEmpty()) {
            throw new SQLException("the server answered no row", "02000");
        }
        return rows.get(0);
    }
}
