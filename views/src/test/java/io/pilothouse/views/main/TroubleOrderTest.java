package io.pilothouse.views.main;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TroubleOrderTest {

    private static WorkspaceNode.Cluster cluster(String scope, ClusterHealth health, int alerts, int critical) {
        return new WorkspaceNode.Cluster(new ClusterKey("estate", scope), health, 3, alerts, critical);
    }

    @Test
    void putsTheWorstClustersFirstAndTheRestByName() {
        List<WorkspaceNode.Cluster> rows = new ArrayList<>(List.of(
                cluster("a-fine", ClusterHealth.OK, 0, 0),
                cluster("b-warned", ClusterHealth.OK, 2, 0),
                cluster("c-critical", ClusterHealth.OK, 1, 1),
                cluster("d-stale", ClusterHealth.STALE, 0, 0),
                cluster("e-leaderless", ClusterHealth.NO_LEADER, 0, 0),
                cluster("0-fine", ClusterHealth.OK, 0, 0)));

        rows.sort(TroubleOrder.WORST_FIRST);

        assertThat(rows).extracting(c -> c.key().scope())
                .containsExactly("e-leaderless", "d-stale", "c-critical", "b-warned", "0-fine", "a-fine");
    }
}
