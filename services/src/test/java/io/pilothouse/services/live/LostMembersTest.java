package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LostMembersTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    private static Member member(String name, MemberRole role, String api, int port) {
        return Member.builder(name).role(role).state(MemberState.RUNNING).host("127.0.0.1").port(port).apiUrl(api)
                .freshness(Freshness.LIVE).lastSeen(T0).build();
    }

    private static ClusterSnapshot snap(String leader, Member... members) {
        return ClusterSnapshot.builder("src", "demo")
                .leader(leader)
                .timeline(1)
                .members(List.of(members))
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.LIVE, T0, null)))
                .observedAt(T0)
                .build();
    }

    @Test
    void aMemberNoSourceNamesAnyMoreStaysAsLostUntilItComesBack() {
        LostMembers lost = new LostMembers();
        Member a = member("a", MemberRole.LEADER, "http://127.0.0.1:8008", 5432);
        Member b = member("b", MemberRole.REPLICA, "http://127.0.0.1:8009", 5433);
        ClusterSnapshot before = lost.track(null, snap("a", a, b));
        ClusterSnapshot afterFailover = lost.track(before, snap("b", b.toBuilder().role(MemberRole.LEADER).build()));

        Member gone = afterFailover.member("a").orElseThrow();
        assertThat(gone.state()).isEqualTo(MemberState.LOST);
        assertThat(gone.role()).as("a dead old leader is no second leader").isEqualTo(MemberRole.UNKNOWN);
        assertThat(gone.lastSeen()).isEqualTo(T0);
        assertThat(gone.freshness()).isEqualTo(Freshness.UNREACHABLE);
        ClusterSnapshot still = lost.track(afterFailover, snap("b", b.toBuilder().role(MemberRole.LEADER).build()));
        assertThat(still.member("a").orElseThrow().state()).isEqualTo(MemberState.LOST);

        ClusterSnapshot back = lost.track(still, snap("b", b.toBuilder().role(MemberRole.LEADER).build(), a.toBuilder()
                .role(MemberRole.REPLICA).build()));
        assertThat(back.member("a").orElseThrow().state()).isEqualTo(MemberState.RUNNING);
        assertThat(back.members()).hasSize(2);
    }

    @Test
    void aMemberRenamedUnderTheSameAddressIsNotLost() {
        LostMembers lost = new LostMembers();
        Member byAddress = member("127.0.0.1:8008", MemberRole.REPLICA, "http://127.0.0.1:8008", 5432);
        ClusterSnapshot first = lost.track(null, snap(null, byAddress));
        ClusterSnapshot named = lost.track(first, snap(null, member("node1", MemberRole.REPLICA,
                "http://127.0.0.1:8008", 5432)));
        assertThat(named.members()).extracting(Member::name).containsExactly("node1");
    }
}
