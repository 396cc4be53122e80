package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.views.SampleEstates;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pilothouse.views.SampleEstates.member;
import static org.assertj.core.api.Assertions.assertThat;

class TopologyTreeTest {

    private static ClusterSnapshot cluster(String leader, Member... members) {
        return SampleEstates.cluster("s", "c", leader, false, null, List.of(members), SampleEstates.allLive());
    }

    @Test
    void hangsReplicasWithoutUpstreamUnderTheLeader() {
        TopologyTree t = TopologyTree.of(SampleEstates.ordersProd());
        assertThat(t.roots()).containsExactly("pg-orders-1");
        assertThat(t.children("pg-orders-1")).containsExactly("pg-orders-2", "pg-orders-3");
    }

    @Test
    void hangsACascadingReplicaUnderItsUpstream() {
        TopologyTree t = TopologyTree.of(SampleEstates.billingProd());
        assertThat(t.parent("pg-bill-d")).isEqualTo("pg-bill-c");
        assertThat(t.depth("pg-bill-d")).isEqualTo(2);
        assertThat(t.children("pg-bill-a")).containsExactly("pg-bill-b", "pg-bill-c", "pg-bill-e");
    }

    @Test
    void showsAReplicaWhoseUpstreamIsNotListedAsARootInsteadOfInventingAnEdge() {
        TopologyTree t = TopologyTree.of(cluster("a",
                member("a", MemberRole.LEADER, "h").build(),
                member("b", MemberRole.REPLICA, "h").upstream("gone").build()));
        assertThat(t.roots()).containsExactly("a", "b");
        assertThat(t.parent("b")).isNull();
    }

    @Test
    void cutsUpstreamLoopsAtTheLeader() {
        TopologyTree t = TopologyTree.of(cluster("a",
                member("a", MemberRole.LEADER, "h").build(),
                member("b", MemberRole.REPLICA, "h").upstream("c").build(),
                member("c", MemberRole.REPLICA, "h").upstream("b").build()));
        assertThat(t.depth("b")).isLessThan(5);
        assertThat(t.depth("c")).isLessThan(5);
        assertThat(List.of(t.parent("b"), t.parent("c"))).contains("a");
    }

    @Test
    void putsAnEmptyLeaderSlotAboveReplicasWhenThereIsNoLeader() {
        TopologyTree t = TopologyTree.of(SampleEstates.analyticsNoLeader());
        assertThat(t.roots()).containsExactly(TopologyTree.NO_LEADER);
        assertThat(t.children(TopologyTree.NO_LEADER)).containsExactly("an-1", "an-2");
    }
}
