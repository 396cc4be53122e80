package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The load balancer's write port in front of a cluster (HAProxy routing to whoever answers Patroni's
 * {@code GET /primary}): after a switchover, applications only see the new leader once it routes there.
 *
 * @param address   {@code host:port}, for messages
 * @param connector a fresh connection through it
 */
public record WriteEndpoint(String address, WriteProbe.PrimaryConnector connector) {

    /** Whether the write port now reaches a primary, and which member. */
    VerificationItem check(ClusterSnapshot after) {
        String title = "Write endpoint reaches the new leader";
        try (Connection c = connector.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), current_setting('port')::int")) {
            rs.next();
            boolean replica = rs.getBoolean(1);
            int port = rs.getInt(2);
            Optional<Member> reached = after.members().stream().filter(m -> m.port() == port).findFirst();
            String who = reached.map(Member::name).orElse("the server on port " + port);
            if (replica) {
                return new VerificationItem("write_endpoint", title, Verdict.FAIL, address + " reaches " + who
                        + ", a replica (read-only)");
            }
            boolean leader = reached.map(m -> m.name().equals(after.leader())).orElse(false);
            return new VerificationItem("write_endpoint", title, leader ? Verdict.PASS : Verdict.FAIL,
                    address + " reaches " + who + (leader ? ", the leader" : ", not the leader " + after.leader()));
        } catch (SQLException e) {
            return new VerificationItem("write_endpoint", title, Verdict.FAIL, address + " does not answer: "
                    + e.getMessage());
        }
    }
}
