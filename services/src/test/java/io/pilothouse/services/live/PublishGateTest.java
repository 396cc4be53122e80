package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PublishGateTest {

    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    private static ClusterSnapshot snapshot(String leader, Instant at, Long lease, Freshness etcd) {
        return ClusterSnapshot.builder("estate", "estate-0001").leader(leader).observedAt(at)
                .leaderLeaseSecondsLeft(lease)
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, etcd, at, null))).build();
    }

    @Test
    void holdsBackWhatDiffersOnlyInItsClocksUntilTheHeartbeat() {
        PublishGate gate = new PublishGate(Duration.ofMillis(1750));
        ClusterSnapshot first = snapshot("node1", T0, 30L, Freshness.LIVE);
        assertThat(gate.shouldPublish(null, first, T0)).isTrue();

        ClusterSnapshot ticked = snapshot("node1", T0.plusSeconds(1), 29L, Freshness.LIVE);
        assertThat(gate.shouldPublish(first, ticked, T0.plusSeconds(1))).isFalse();
        assertThat(gate.shouldPublish(first, snapshot("node1", T0.plusSeconds(2), 28L, Freshness.LIVE),
                T0.plusSeconds(2))).isTrue();
    }

    @Test
    void publishesAnyRealChangeAtOnce() {
        PublishGate gate = new PublishGate(Duration.ofMillis(1750));
        ClusterSnapshot first = snapshot("node1", T0, 30L, Freshness.LIVE);
        gate.shouldPublish(null, first, T0);

        assertThat(gate.shouldPublish(first, snapshot("node2", T0.plusMillis(100), 30L, Freshness.LIVE),
                T0.plusMillis(100))).isTrue();
        assertThat(gate.shouldPublish(first, snapshot("node1", T0.plusMillis(200), 30L, Freshness.UNREACHABLE),
                T0.plusMillis(200))).isTrue();
        assertThat(gate.shouldPublish(first, snapshot("node1", T0.plusMillis(300), null, Freshness.LIVE),
                T0.plusMillis(300))).as("the lease gone is news, not a clock").isTrue();
    }

    @Test
    void tellsAHeartbeatOfClocksFromARealChange() {
        PublishGate gate = new PublishGate(Duration.ofMillis(1750));
        ClusterSnapshot first = snapshot("node1", T0, 30L, Freshness.LIVE);
        assertThat(gate.decide(null, first, T0)).isEqualTo(PublishGate.Decision.CHANGED);

        assertThat(gate.decide(first, snapshot("node1", T0.plusSeconds(1), 29L, Freshness.LIVE), T0.plusSeconds(1)))
                .isEqualTo(PublishGate.Decision.HOLD);
        assertThat(gate.decide(first, snapshot("node1", T0.plusSeconds(2), 28L, Freshness.LIVE), T0.plusSeconds(2)))
                .isEqualTo(PublishGate.Decision.CLOCKS);
        assertThat(gate.decide(first, snapshot("node2", T0.plusMillis(2100), 28L, Freshness.LIVE),
                T0.plusMillis(2100))).isEqualTo(PublishGate.Decision.CHANGED);
    }
}
