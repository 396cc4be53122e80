package io.pilothouse.services.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotDiffTest {

    private static final Instant T0 = Instant.parse("2026-11-21T05:00:00Z");

    /** A member as the DCS names it: with its endpoint and REST URL. */
    private static Member m(String name, MemberRole role, Freshness f) {
        return Member.builder(name).role(role).state(MemberState.RUNNING).freshness(f).host(name + ".db").port(5432)
                .apiUrl("http://" + name + ".db:8008").build();
    }

    private static ClusterSnapshot snap(String leader, int timeline, Instant at, Member... members) {
        return ClusterSnapshot.builder("src", "demo").leader(leader).timeline(timeline).members(List.of(members))
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.LIVE, at, null)))
                .observedAt(at).build();
    }

    @Test
    void firstSnapshotIsADiscovery() {
        List<ClusterEvent> e = SnapshotDiff.between(null, snap("a", 1, T0, m("a", MemberRole.LEADER, Freshness.LIVE)));
        assertThat(e).extracting(ClusterEvent::type).containsExactly(ClusterEventType.CLUSTER_DISCOVERED);
    }

    @Test
    void failoverIsLeaderLostThenElectedWithTimelineAndRoles() {
        ClusterSnapshot before = snap("a", 1, T0, m("a", MemberRole.LEADER, Freshness.LIVE),
                m("b", MemberRole.REPLICA, Freshness.LIVE));
        ClusterSnapshot lost = snap(null, 1, T0.plusSeconds(1), m("a", MemberRole.REPLICA, Freshness.UNREACHABLE),
                m("b", MemberRole.REPLICA, Freshness.LIVE));
        ClusterSnapshot elected = snap("b", 2, T0.plusSeconds(2), m("b", MemberRole.LEADER, Freshness.LIVE));

        assertThat(SnapshotDiff.between(before, lost)).extracting(ClusterEvent::type).containsExactly(
                ClusterEventType.LEADER_LOST, ClusterEventType.ROLE_CHANGED, ClusterEventType.MEMBER_STALE);
        List<ClusterEvent> second = SnapshotDiff.between(lost, elected);
        assertThat(second).extracting(ClusterEvent::type).containsExactly(ClusterEventType.LEADER_ELECTED,
                ClusterEventType.TIMELINE_CHANGED, ClusterEventType.ROLE_CHANGED, ClusterEventType.MEMBER_LEFT);
        assertThat(second.get(0).to()).isEqualTo("b");
        assertThat(second.get(0).observedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aSeedAddressReplacedByTheMembersNameIsNeitherLeftNorJoined() {
        // Seen in the demo: "Member 127.0.0.1:28186 lost … vanished from the DCS (was replica)" right at start-up.
        Member seed = Member.builder("127.0.0.1:28186").role(MemberRole.REPLICA).state(MemberState.RUNNING)
                .apiUrl("http://127.0.0.1:28186").freshness(Freshness.LIVE).build();
        Member named = seed.toBuilder().name("node1").host("127.0.0.1").port(25724).build();
        ClusterSnapshot before = snap("a", 1, T0, m("a", MemberRole.LEADER, Freshness.LIVE), seed);
        ClusterSnapshot after = snap("a", 1, T0.plusSeconds(1), m("a", MemberRole.LEADER, Freshness.LIVE), named);

        assertThat(SnapshotDiff.between(before, after)).extracting(ClusterEvent::type)
                .doesNotContain(ClusterEventType.MEMBER_LEFT, ClusterEventType.MEMBER_JOINED);
        ClusterSnapshot gone = snap("a", 1, T0.plusSeconds(2), m("a", MemberRole.LEADER, Freshness.LIVE));
        assertThat(SnapshotDiff.between(after, gone)).extracting(ClusterEvent::type)
                .containsExactly(ClusterEventType.MEMBER_LEFT);
    }

    @Test
    void aLeaderKnownOnlyByItsSeedAddressThenNamedIsNoLeaderChange() {
        // Seen in the history suite: "SWITCHOVER 127.0.0.1:28978 -> node2" when etcd first answered: GET /patroni of
        // Patroni 3.0 had found the leader before any source said its name.
        Member seed = Member.builder("127.0.0.1:28978").role(MemberRole.LEADER).state(MemberState.RUNNING)
                .freshness(Freshness.LIVE).build();
        Member named = Member.builder("node2").role(MemberRole.LEADER).state(MemberState.RUNNING).host("127.0.0.1")
                .port(25724).apiUrl("http://127.0.0.1:28978").freshness(Freshness.LIVE).build();
        ClusterSnapshot before = snap("127.0.0.1:28978", 1, T0, seed);
        ClusterSnapshot after = snap("node2", 1, T0.plusSeconds(1), named);

        assertThat(SnapshotDiff.between(before, after)).extracting(ClusterEvent::type)
                .doesNotContain(ClusterEventType.LEADER_CHANGED, ClusterEventType.MEMBER_LEFT);
        ClusterSnapshot next = snap("node3", 2, T0.plusSeconds(9), named.toBuilder().role(MemberRole.REPLICA).build(),
                Member.builder("node3").role(MemberRole.LEADER).state(MemberState.RUNNING).host("127.0.0.1")
                        .port(25725).apiUrl("http://127.0.0.1:28979").freshness(Freshness.LIVE).build());
        assertThat(SnapshotDiff.between(after, next)).extracting(ClusterEvent::type)
                .contains(ClusterEventType.LEADER_CHANGED);
    }

    @Test
    void switchoverIsOneLeaderChange() {
        ClusterSnapshot before = snap("a", 1, T0, m("a", MemberRole.LEADER, Freshness.LIVE),
                m("b", MemberRole.REPLICA, Freshness.LIVE));
        ClusterSnapshot after = snap("b", 1, T0, m("a", MemberRole.LEADER, Freshness.LIVE),
                m("b", MemberRole.LEADER, Freshness.LIVE));
        List<ClusterEvent> e = SnapshotDiff.between(before, after);
        assertThat(e.get(0).type()).isEqualTo(ClusterEventType.LEADER_CHANGED);
        assertThat(e.get(0).from()).isEqualTo("a");
        assertThat(e.get(0).to()).isEqualTo("b");
    }

    @Test
    void lostSourceIsReported() {
        ClusterSnapshot before = snap("a", 1, T0, m("a", MemberRole.LEADER, Freshness.LIVE));
        ClusterSnapshot after = ClusterSnapshot.builder("src", "demo").leader("a").timeline(1)
                .members(before.members()).sources(Map.of(SourceKind.ETCD,
                new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, T0, "etcd did not answer"))).observedAt(T0)
                .build();
        assertThat(SnapshotDiff.between(before, after)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ClusterEventType.SOURCE_LOST);
            assertThat(e.from()).isEqualTo("ETCD");
            assertThat(e.to()).isEqualTo("etcd did not answer");
        });
    }

    @Test
    void aSourceAlreadyLostWhenTheClusterIsFirstSeenIsReportedAtStart() {
        ClusterSnapshot first = ClusterSnapshot.builder("src", "demo")
                .members(List.of(m("a", MemberRole.REPLICA, Freshness.LIVE)))
                .sources(Map.of(SourceKind.ETCD,
                new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, null, "etcd refused")))
                .observedAt(T0)
                .build();
        assertThat(SnapshotDiff.between(null, first)).extracting(ClusterEvent::type)
                .containsExactly(ClusterEventType.CLUSTER_DISCOVERED, ClusterEventType.SOURCE_LOST);
    }

    @Test
    void unknownToLostIsALossAndLostToLiveARegain() {
        ClusterSnapshot unknown = ClusterSnapshot.builder("src", "demo")
                .leader("a")
                .timeline(1)
                .members(List.of(m("a", MemberRole.LEADER, Freshness.LIVE)))
                .sources(Map.of(SourceKind.ETCD,
                SourceStatus.unknown(SourceKind.ETCD)))
                .observedAt(T0)
                .build();
        ClusterSnapshot lost = ClusterSnapshot.builder("src", "demo")
                .leader("a")
                .timeline(1)
                .members(unknown.members())
                .sources(Map.of(SourceKind.ETCD,
                new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, null, "etcd did not answer")))
                .observedAt(T0)
                .build();
        ClusterSnapshot live = snap("a", 1, T0.plusSeconds(1), m("a", MemberRole.LEADER, Freshness.LIVE));
        assertThat(SnapshotDiff.between(unknown, lost)).extracting(ClusterEvent::type)
                .containsExactly(ClusterEventType.SOURCE_LOST);
        assertThat(SnapshotDiff.between(lost, live)).extracting(ClusterEvent::type)
                .containsExactly(ClusterEventType.SOURCE_REGAINED);
    }
}
