package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The load balancer's write port in front of a cluster (HAProxy routing to whoever answers Patroni's
 * {@code GET /primary}): after a switchover, applications only see the new leader once it routes there.
 *
 * <p>The node reached is identified by the address the server itself reports ({@code inet_server_addr()},
 * {@code inet_server_port()}) joined to a member's host and port, never by its port alone (with every node on 5432,
 * any primary would read as "the leader"), and checked by its system identifier against the leader's own (asked
 * directly) and by {@code pg_is_in_recovery()}.
 *
 * @param address        {@code host:port}, for messages
 * @param connector      a fresh connection through it
 * @param leaderIdentity a fresh connection straight to a member, to read the cluster's system identifier; null to
 *                       skip that check
 */
public record WriteEndpoint(String address, WriteProbe.PrimaryConnector connector, MemberConnector leaderIdentity) {

    /** Opens a connection straight to one member. */
    @FunctionalInterface
    public interface MemberConnector {
        Connection connect(Member member) throws SQLException;
    }

    /** Without the system-identifier check. */
    public WriteEndpoint(String address, WriteProbe.PrimaryConnector connector) {
        this(address, connector, null);
    }

    static final String IDENTIFY = "SELECT pg_is_in_recovery(), host(inet_server_addr()), inet_server_port(), "
            + "(SELECT system_identifier FROM pg_control_system())::text";
    static final String IDENTIFY_WITHOUT_SYSID = "SELECT pg_is_in_recovery(), host(inet_server_addr()), "
            + "inet_server_port(), NULL::text";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** What the server behind a connection says it is. */
    record Identity(boolean inRecovery, String host, int port, String systemIdentifier) {
        String address() {
            return host + ":" + port;
        }
    }

    /** Whether the write port now reaches a primary, and which member. */
    public VerificationItem check(ClusterSnapshot after) {
        String title = "Write endpoint reaches the new leader";
        Identity reached;
        try (Connection c = connector.connect()) {
            reached = identify(c);
        } catch (SQLException e) {
            return new VerificationItem("write_endpoint", title, Verdict.FAIL, address + " does not answer: "
                    + e.getMessage());
        }
        Optional<Member> member = memberAt(after.members(), reached.host(), reached.port());
        String who = member.map(Member::name).orElse("the server at " + reached.address()
                + " (no member has that address)");
        if (reached.inRecovery()) {
            return new VerificationItem("write_endpoint", title, Verdict.FAIL, address + " reaches " + who
                    + ", a replica (read-only)");
        }
        String otherCluster = otherCluster(after, reached);
        if (otherCluster != null) {
            return new VerificationItem("write_endpoint", title, Verdict.FAIL, address + " reaches " + who
                    + otherCluster);
        }
        boolean leader = member.map(m -> m.name().equals(after.leader())).orElse(false);
        return new VerificationItem("write_endpoint", title, leader ? Verdict.PASS : Verdict.FAIL,
                address + " reaches " + who + (leader ? ", the leader" : ", not the leader " + after.leader()));
    }

    /** Null when the system identifiers agree or cannot be compared; else the words for the mismatch. */
    private String otherCluster(ClusterSnapshot after, Identity reached) {
        if (leaderIdentity == null || reached.systemIdentifier() == null) {
            return null;
        }
        Optional<Member> leader = after.members().stream().filter(m -> m.name().equals(after.leader())).findFirst();
        if (leader.isEmpty()) {
            return null;
        }
        try (Connection c = leaderIdentity.connect(leader.get())) {
            String expected = identify(c).systemIdentifier();
            return expected == null || expected.equals(reached.systemIdentifier()) ? null
                    : ", a server of another cluster (system identifier " + reached.systemIdentifier() + ", the "
                            + "leader's is " + expected + ")";
        } catch (SQLException e) {
            return null;
        }
    }

    static Identity identify(Connection c) throws SQLException {
        try {
            return identify(c, IDENTIFY);
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            return identify(c, IDENTIFY_WITHOUT_SYSID);
        }
    }

    private static Identity identify(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("the server answered no row", "02000");
            }
            return new Identity(rs.getBoolean(1), rs.getString(2), rs.getInt(3), rs.getString(4));
        }
    }

    /**
     * The member whose host and port are the address the server reported: the host compared as written, else as
     * resolved (a member named by DNS name), and the port always with it.
     */
    static Optional<Member> memberAt(List<Member> members, String host, int port) {
        if (host == null) {
            return Optional.empty();
        }
        List<Member> onPort = members.stream().filter(m -> m.port() == port && m.host() != null).toList();
        Optional<Member> literal = onPort.stream().filter(m -> m.host().equalsIgnoreCase(host)).findFirst();
        if (literal.isPresent()) {
            return literal;
        }
        return onPort.stream().filter(m -> resolvesTo(m.host(), host)).findFirst();
    }

    private static boolean resolvesTo(String name, String address) {
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                if (a.getHostAddress().equals(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
