package io.pilothouse.services.alerts;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.testing.HandClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMonitorTest {

    private final HandClock clock = new HandClock(AlertEvaluatorTest.T0);

    @Test
    void evaluatesEveryPublishedSnapshotAndPublishesTransitions() throws Exception {
        LatestEstate estate = new LatestEstate("w", false);
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        try (AlertMonitor monitor = new AlertMonitor(estate, new AlertEvaluator(AlertThresholds.DEFAULTS, clock))) {
            monitor.onEvent(events::add);
            monitor.start(null, null);
            estate.put(AlertEvaluatorTest.healthy());
            assertThat(monitor.latest().alerts()).isEmpty();
            long before = monitor.latest().version();

            ClusterSnapshot expiring = AlertEvaluatorTest.cluster("node1", AlertEvaluatorTest.healthy().members(), 3L,
                    List.of());
            estate.put(expiring);
            assertThat(monitor.latest().alerts()).extracting(Alert::rule)
                    .containsExactly(AlertRule.LEADER_LEASE_EXPIRING);
            assertThat(monitor.latest().version()).isGreaterThan(before);
            assertThat(monitor.latest().forCluster("etcd", "demo")).hasSize(1);
            assertThat(monitor.latest().worst("etcd", "demo")).contains(AlertSeverity.WARNING);

            estate.put(AlertEvaluatorTest.healthy());
            assertThat(events).extracting(AlertEvent::type)
                    .containsExactly(AlertEvent.Type.ALERT_RAISED, AlertEvent.Type.ALERT_CLEARED);
        }
    }

    @Test
    void anOlderSnapshotEvaluatedLateDoesNotFlipAlertsBack() throws Exception {
        LatestEstate estate = new LatestEstate("w", false);
        try (AlertMonitor monitor = new AlertMonitor(estate, new AlertEvaluator(AlertThresholds.DEFAULTS, clock))) {
            monitor.start(null, null);
            estate.put(AlertEvaluatorTest.cluster("node1", AlertEvaluatorTest.healthy().members(), 3L, List.of()));
            var stale = estate.latest();
            estate.put(AlertEvaluatorTest.healthy());
            monitor.evaluate(stale);
            assertThat(monitor.latest().alerts()).isEmpty();
        }
    }
}
