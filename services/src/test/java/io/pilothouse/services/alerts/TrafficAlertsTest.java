package io.pilothouse.services.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.model.TrafficProblemKind;
import io.pilothouse.services.testing.HandClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The traffic layer's problems become alerts of their cluster after the disagreement grace period. */
class TrafficAlertsTest {

    private final HandClock clock = new HandClock(AlertEvaluatorTest.T0);
    private final List<TrafficProblem> problems = new ArrayList<>();
    private final AlertEvaluator evaluator = new AlertEvaluator(AlertThresholds.DEFAULTS, clock, () -> problems);
    private final ClusterSnapshot cluster = ClusterSnapshot.builder("prod", "demo").leader("node1")
            .members(List.of(AlertEvaluatorTest.leader().build())).build();

    @Test
    void writesToANonLeaderAreACriticalAlertOnceTheyLastAndClearWhenFixed() {
        problems.add(new TrafficProblem("prod", "demo", TrafficProblemKind.WRITES_TO_NON_LEADER, "pgbouncer app",
                "writes through pgbouncer app reach node2, which is in recovery"));
        problems.add(new TrafficProblem("prod", "other", TrafficProblemKind.BACKEND_DOWN, "haproxy x", "elsewhere"));

        assertThat(evaluator.evaluate(List.of(cluster)).active()).isEmpty();
        clock.advanceSeconds(11);
        AlertEvaluator.Evaluation e = evaluator.evaluate(List.of(cluster));

        assertThat(e.active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.TRAFFIC_LAYER);
            assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(a.message()).contains("pgbouncer app", "in recovery");
        });
        problems.clear();
        clock.advanceSeconds(1);
        assertThat(evaluator.evaluate(List.of(cluster)).events()).extracting(AlertEvent::type)
                .containsExactly(AlertEvent.Type.ALERT_CLEARED);
    }

    @Test
    void clientsWaitingAreAWarning() {
        problems.add(new TrafficProblem("prod", "demo", TrafficProblemKind.CLIENTS_WAITING, "pgbouncer app", "wait"));
        evaluator.evaluate(List.of(cluster));
        clock.advanceSeconds(11);
        assertThat(evaluator.evaluate(List.of(cluster)).active()).extracting(Alert::severity)
                .containsExactly(AlertSeverity.WARNING);
    }
}
