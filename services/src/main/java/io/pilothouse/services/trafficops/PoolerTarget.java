package io.pilothouse.services.trafficops;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Which server PgBouncer's server connections reach now: a direct connection to where its database points
 * (HAProxy's write port, a host), identified by the server's own address and {@code pg_is_in_recovery()}, never by
 * the port it was dialled on.
 */
public final class PoolerTarget {

    static final String IDENTIFY = "SELECT pg_is_in_recovery(), host(inet_server_addr()), inet_server_port()";

    /** Opens a connection to {@code host:port} as the workspace's role. */
    @FunctionalInterface
    public interface Connector {
        Connection open(String host, int port) throws SQLException;
    }

    /** What answered: its address and whether it is read-only. */
    public record Reached(String host, int port, boolean inRecovery) {

        /** The member of {@code cluster} at this address, if any. */
        Optional<Member> member(ClusterSnapshot cluster) {
            return cluster.members().stream().filter(m -> m.port() == port && sameHost(m.host(), host)).findFirst();
        }

        /** True when {@code other} names this host (loopback names and addresses are one host). */
        boolean sameHostAs(String other) {
            return sameHost(host, other);
        }

        private static boolean sameHost(String a, String b) {
            if (a == null || b == null) {
                return false;
            }
            return a.equals(b) || loopback(a) && loopback(b);
        }

        private static boolean loopback(String h) {
            return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
        }
    }

    private final Connector connector;

    public PoolerTarget(Connector connector) {
        this.connector = connector;
    }

    /** The server behind {@code host:port} now. */
    public Reached reach(String host, int port) throws SQLException {
        try (Connection c = connector.open(host, port); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(IDENTIFY)) {
            rs.next();
            return new Reached(rs.getString(2) == null ? host : rs.getString(2), rs.getInt(3), rs.getBoolean(1));
        }
    }
}
