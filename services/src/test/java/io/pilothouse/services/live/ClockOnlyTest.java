package io.pilothouse.services.live;

import io.pilothouse.services.patroni.PatroniCluster;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import io.pilothouse.services.postgres.NodeSqlState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When time alone can change a snapshot: the first read of its inputs to turn from live to stale. */
class ClockOnlyTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMillis(3500);

    @Test
    void aLiveReadIsLiveUntilItsLastSuccessPlusTheWindowAndThenNoMore() {
        NodeRead<String> read = NodeRead.<String>none().succeeded("ok", T0);
        assertThat(read.liveUntil(T0.plusSeconds(1), WINDOW)).isEqualTo(T0.plusMillis(3500));
        assertThat(read.liveUntil(T0.plusMillis(3500), WINDOW)).isEqualTo(T0.plusMillis(3500));
        assertThat(read.liveUntil(T0.plusMillis(3501), WINDOW)).isNull();
        // A refusal makes it unreachable at once: nothing left for time to change.
        assertThat(read.failed("refused", true, T0.plusSeconds(1)).liveUntil(T0.plusSeconds(1), WINDOW)).isNull();
        // A silence after a success leaves it live until the window passes.
        assertThat(read.failed("timed out", false, T0.plusSeconds(1)).liveUntil(T0.plusSeconds(1), WINDOW))
                .isEqualTo(T0.plusMillis(3500));
        assertThat(NodeRead.none().liveUntil(T0, WINDOW)).isNull();
    }

    @Test
    void theSnapshotCanChangeWithTimeWhenTheFirstOfItsLiveReadsTurnsStale() {
        ClusterInputs none = inputs(NodeRead.<PatroniCluster>none(), Map.of(), Map.of());
        assertThat(ClockOnly.readsLiveUntil(none, T0, WINDOW)).isNull();

        ClusterInputs some = inputs(NodeRead.<PatroniCluster>none()
                        .succeeded(null, T0.minusSeconds(1)),
                Map.of("node1", NodeRead.<PatroniNodeStatus>none()
                        .succeeded(null, T0.minusSeconds(2))),
                Map.of("node2", NodeRead.<NodeSqlState>none().succeeded(null, T0.minusMillis(500))));
        assertThat(ClockOnly.readsLiveUntil(some, T0, WINDOW)).isEqualTo(T0.minusSeconds(2).plus(WINDOW));
    }

    private static ClusterInputs inputs(NodeRead<PatroniCluster> cluster,
                                        Map<String, NodeRead<PatroniNodeStatus>> nodes,
                                        Map<String, NodeRead<NodeSqlState>> sql) {
        return new ClusterInputs("etcd", "demo", true, io.pilothouse.services.model.SourceStatus.unknown(
                io.pilothouse.services.model.SourceKind.ETCD), null, null, cluster, nodes, true, sql, Map.of(),
                Map.of(), Map.of(), Map.of());
    }
}
