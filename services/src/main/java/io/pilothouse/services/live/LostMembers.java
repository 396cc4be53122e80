package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps members that vanish from a cluster's sources in its snapshots, as {@link MemberState#LOST}: after a failover
 * whose old leader died, Patroni's member key expires and every source forgets the member, but the operator must still
 * see that a member is missing. A lost member stays until a source names it again (it came back); a member that
 * reappears under another name (same REST URL or PostgreSQL endpoint, e.g. once etcd names a member first known only
 * by its address) is not lost. Not thread-safe: the cluster monitor calls it under its lock.
 */
final class LostMembers {

    private final Map<String, Member> lost = new LinkedHashMap<>();

    /** {@code next} with every member that was in {@code previous} and is in no source any more, as lost. */
    ClusterSnapshot track(ClusterSnapshot previous, ClusterSnapshot next) {
        lost.keySet().removeIf(name -> next.member(name).isPresent());
        if (previous != null) {
            for (Member m : previous.members()) {
                // A member known by nothing but a provisional name (a seed's address) has nothing to be missed by.
                boolean identified = m.apiUrl() != null || m.host() != null;
                if (identified && next.member(m.name()).isEmpty() && !renamed(m, next)
                        && !lost.containsKey(m.name())) {
                    lost.put(m.name(), asLost(m));
                }
            }
        }
        lost.values().removeIf(m -> renamed(m, next));
        if (lost.isEmpty()) {
            return next;
        }
        List<Member> members = new ArrayList<>(next.members());
        members.addAll(lost.values());
        return next.withMembers(members);
    }

    private static Member asLost(Member m) {
        // Its role is history: a dead old leader must not be drawn as a second leader.
        return m.toBuilder().role(MemberRole.UNKNOWN).state(MemberState.LOST).freshness(Freshness.UNREACHABLE)
                .upstream(null).sqlLagBytes(null).sqlLagSeconds(null).syncState(null).replicationState(null)
                .backends(null).build();
    }

    private static boolean renamed(Member m, ClusterSnapshot next) {
        return next.members().stream().anyMatch(o -> !o.name().equals(m.name())
                && ((m.apiUrl() != null && Objects.equals(m.apiUrl(), o.apiUrl()))
                || (m.host() != null && m.port() > 0 && m.host().equals(o.host()) && m.port() == o.port())));
    }
}
