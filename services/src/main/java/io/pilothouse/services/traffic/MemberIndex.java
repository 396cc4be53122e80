package io.pilothouse.services.traffic;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberState;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The members of one cluster by address ({@code host:port}) and by name, for joining traffic lines to them. */
final class MemberIndex {

    /** States in which a member's PostgreSQL is expected to answer a role check. */
    private static final Set<MemberState> ANSWERING = Set.of(MemberState.RUNNING, MemberState.STREAMING,
            MemberState.IN_ARCHIVE_RECOVERY, MemberState.UNKNOWN);

    static final MemberIndex NONE = new MemberIndex(null);

    private final ClusterSnapshot cluster;
    private final Map<String, Member> byAddress = new HashMap<>();
    private final Map<String, Member> byName = new HashMap<>();

    MemberIndex(ClusterSnapshot cluster) {
        this.cluster = cluster;
        if (cluster != null) {
            for (Member m : cluster.members()) {
                byName.put(m.name(), m);
                if (m.host() != null && m.port() > 0) {
                    byAddress.put(address(m.host(), m.port()), m);
                }
            }
        }
    }

    static String address(String host, int port) {
        return host + ":" + port;
    }

    /** The member at {@code hostPort}, or null. */
    String memberAt(String hostPort) {
        Member m = hostPort == null ? null : byAddress.get(hostPort);
        return m == null ? null : m.name();
    }

    /** The member called {@code name}, or null. */
    String memberNamed(String name) {
        return name != null && byName.containsKey(name) ? name : null;
    }

    /** The cluster's leader, or null. */
    String leader() {
        return cluster == null ? null : cluster.leader();
    }

    /** The cluster's scope, or null. */
    String scope() {
        return cluster == null ? null : cluster.scope();
    }

    boolean known() {
        return cluster != null;
    }

    /** True when {@code member} is known and its PostgreSQL should be answering. */
    boolean answering(String member) {
        Member m = member == null ? null : byName.get(member);
        return m != null && ANSWERING.contains(m.state());
    }

    /** The leader's address, or null. */
    String leaderAddress() {
        Member m = leader() == null ? null : byName.get(leader());
        return m == null || m.host() == null ? null : address(m.host(), m.port());
    }

    /** How many of {@code addresses} are members' addresses. */
    long matches(java.util.Collection<String> addresses) {
        return addresses.stream().filter(byAddress::containsKey).count();
    }
}
