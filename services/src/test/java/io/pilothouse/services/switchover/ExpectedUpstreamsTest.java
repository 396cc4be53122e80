package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where replicas are expected to stream from after a leader change, and what the verification makes of it: a
 * {@code replicatefrom} cascade keeps its upstream while that member is up, follows the leader once it is gone.
 */
class ExpectedUpstreamsTest {

    private static final SwitchoverRequest SWITCH_TO_NODE2 = new SwitchoverRequest(OperationKind.SWITCHOVER, "s",
            "demo", "node2", null);

    @Test
    void replicatefromMemberThatIsUpIsTheExpectedUpstreamNotTheNewLeader() {
        ClusterSnapshot after = cluster("node2", leader("node2"), replica("node1", "node2", 2),
                replica("node3", "node2", 2), cascade("node4", "node3", "node3", 2));
        ExpectedUpstreams.Expectation e = ExpectedUpstreams.of(before(), after).get("node4");
        assertThat(e.upstream()).isEqualTo("node3");
        assertThat(e.cascade()).isTrue();
        assertThat(e.leaderAccepted()).isFalse();
        assertThat(e.reason()).isEqualTo("replicatefrom node3, which is up");
        assertThat(e.met("node3", "node2")).isTrue();
        assertThat(e.met("node2", "node2")).as("the new leader is not where it belongs").isFalse();

        List<VerificationItem> items = Verifier.verify(before(), after, SWITCH_TO_NODE2, DynamicConfig.UNKNOWN);
        assertThat(item(items, "cascade").verdict()).isEqualTo(Verdict.PASS);
        assertThat(item(items, "cascade").detail()).contains("node4 from node3");
        assertThat(item(items, "replicas").verdict()).as("node3 follows the new leader").isEqualTo(Verdict.PASS);
        assertThat(Verifier.settled(items)).isTrue();
    }

    @Test
    void cascadeThatMovedToTheNewLeaderWhileItsUpstreamIsUpFailsAndSaysWhy() {
        ClusterSnapshot after = cluster("node2", leader("node2"), replica("node1", "node2", 2),
                replica("node3", "node2", 2), cascade("node4", "node3", "node2", 2));
        List<VerificationItem> items = Verifier.verify(before(), after, SWITCH_TO_NODE2, DynamicConfig.UNKNOWN);
        VerificationItem cascade = item(items, "cascade");
        assertThat(cascade.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(cascade.detail()).isEqualTo("node4: streams from node2, expected from node3 (replicatefrom node3, "
                + "which is up)");
        assertThat(Verifier.settled(items)).isFalse();
    }

    @Test
    void cascadeWhoseUpstreamIsGoneIsExpectedOnTheLeader() {
        ClusterSnapshot after = cluster("node2", leader("node2"), replica("node1", "node2", 2),
                cascade("node4", "node3", "node2", 2));
        ExpectedUpstreams.Expectation e = ExpectedUpstreams.of(before(), after).get("node4");
        assertThat(e.upstream()).isEqualTo("node2");
        assertThat(e.cascade()).isFalse();
        assertThat(e.reason()).isEqualTo("replicatefrom node3, which is gone: follows the leader node2");
        List<VerificationItem> items = Verifier.verify(before(), after, SWITCH_TO_NODE2, DynamicConfig.UNKNOWN);
        assertThat(items).extracting(VerificationItem::id).doesNotContain("cascade");
        assertThat(item(items, "replicas").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void cascadeWhoseUpstreamIsStoppedMayStreamFromEither() {
        Member stopped = replica("node3", "node2", 2).toBuilder().state(MemberState.STOPPED).replicationState(null)
                .build();
        ClusterSnapshot after = cluster("node2", leader("node2"), replica("node1", "node2", 2), stopped,
                cascade("node4", "node3", "node2", 2));
        ExpectedUpstreams.Expectation e = ExpectedUpstreams.of(before(), after).get("node4");
        assertThat(e.leaderAccepted()).isTrue();
        assertThat(e.met("node2", "node2")).isTrue();
        assertThat(e.met("node3", "node2")).isTrue();
        assertThat(e.reason()).isEqualTo("replicatefrom node3, which is stopped: from it or from the leader node2");
    }

    @Test
    void replicatefromTheNewLeaderIsAnOrdinaryReplica() {
        ClusterSnapshot after = cluster("node3", leader("node3"), replica("node1", "node3", 2),
                replica("node2", "node3", 2), cascade("node4", "node3", "node3", 2));
        ExpectedUpstreams.Expectation e = ExpectedUpstreams.of(before(), after).get("node4");
        assertThat(e.cascade()).isFalse();
        assertThat(e.reason()).isEqualTo("replicatefrom node3, which is now the leader node3");
    }

    @Test
    void plainCascadeWithoutTagKeepsItsUpstreamFromBefore() {
        ClusterSnapshot before = cluster("node1", leader("node1"), replica("node2", "node1", 1),
                replica("node3", "node2", 1));
        ClusterSnapshot after = cluster("node1", leader("node1"), replica("node2", "node1", 1),
                replica("node3", "node1", 1));
        ExpectedUpstreams.Expectation e = ExpectedUpstreams.of(before, after).get("node3");
        assertThat(e.upstream()).isEqualTo("node2");
        assertThat(e.reason()).isEqualTo("cascades from node2, which is up");
        assertThat(e.met("node1", "node1")).isFalse();
    }

    @Test
    void cascadeNotStreamingYetFailsUntilItDoes() {
        Member catchingUp = cascade("node4", "node3", "node3", 1).toBuilder().replicationState("catchup").build();
        ClusterSnapshot after = cluster("node2", leader("node2"), replica("node1", "node2", 2),
                replica("node3", "node2", 2), catchingUp);
        VerificationItem cascade = item(Verifier.verify(before(), after, SWITCH_TO_NODE2, DynamicConfig.UNKNOWN),
                "cascade");
        assertThat(cascade.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(cascade.detail()).isEqualTo("node4: is in state catchup on node3, not streaming (replicatefrom "
                + "node3, which is up)");
        Member oldTimeline = cascade("node4", "node3", "node3", 1);
        ClusterSnapshot stuck = cluster("node2", leader("node2"), replica("node1", "node2", 2),
                replica("node3", "node2", 2), oldTimeline);
        assertThat(item(Verifier.verify(before(), stuck, SWITCH_TO_NODE2, DynamicConfig.UNKNOWN), "cascade").detail())
                .isEqualTo("node4: streams from node3 but is on timeline 1, not the leader's 2 (replicatefrom node3, "
                        + "which is up)");
    }

    private static ClusterSnapshot before() {
        return cluster("node1", leader("node1"), replica("node2", "node1", 1), replica("node3", "node1", 1),
                cascade("node4", "node3", "node3", 1));
    }

    private static VerificationItem item(List<VerificationItem> items, String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                "no item " + id + " in " + items));
    }

    private static ClusterSnapshot cluster(String leader, Member... members) {
        Integer timeline = List.of(members).stream().filter(m -> m.name().equals(leader)).findFirst()
                .map(Member::timeline).orElse(null);
        return ClusterSnapshot.builder("s", "demo")
                .leader(leader)
                .timeline(timeline)
                .members(List.of(members))
                .sources(Map.of())
                .observedAt(Instant.EPOCH)
                .build();
    }

    private static Member leader(String name) {
        return Member.builder(name).role(MemberRole.LEADER).state(MemberState.RUNNING)
                .timeline(name.equals("node1") ? 1 : 2).build();
    }

    private static Member replica(String name, String upstream, int timeline) {
        return Member.builder(name).role(MemberRole.REPLICA).state(MemberState.RUNNING).upstream(upstream)
                .replicationState("streaming").timeline(timeline).build();
    }

    private static Member cascade(String name, String replicatefrom, String upstream, int timeline) {
        return replica(name, upstream, timeline).toBuilder().tags(Map.of("replicatefrom", replicatefrom)).build();
    }
}
