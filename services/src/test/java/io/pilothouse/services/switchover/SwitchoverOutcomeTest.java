package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a switchover or failover ends once watching stopped: a failed verification line is never "completed". */
class SwitchoverOutcomeTest {

    private static final VerificationItem PASS = new VerificationItem("leader", "t", Verdict.PASS, "");
    private static final VerificationItem WARN = new VerificationItem("old_leader", "t", Verdict.WARN, "");
    private static final VerificationItem FAIL = new VerificationItem("cascade", "t", Verdict.FAIL, "");

    @Test
    void candidateLeadingWithEveryLineHoldingIsCompleted() {
        for (OperationKind kind : OperationKind.values()) {
            assertThat(SwitchoverService.outcomeOf(request(kind), led("node2"), PatroniVerdicts.Next.VERIFY,
                    List.of(PASS, WARN))).isEqualTo(Outcome.COMPLETED);
        }
    }

    @Test
    void candidateLeadingWithAFailedLineIsUncertainForSwitchoverAndFailover() {
        for (OperationKind kind : OperationKind.values()) {
            assertThat(SwitchoverService.outcomeOf(request(kind), led("node2"), PatroniVerdicts.Next.VERIFY,
                    List.of(PASS, FAIL))).isEqualTo(Outcome.UNCERTAIN);
        }
    }

    @Test
    void anotherLeaderFailsAndNoLeaderAfterALostAnswerIsUncertain() {
        assertThat(SwitchoverService.outcomeOf(request(OperationKind.SWITCHOVER), led("node1"),
                PatroniVerdicts.Next.VERIFY, List.of(PASS))).isEqualTo(Outcome.FAILED);
        assertThat(SwitchoverService.outcomeOf(request(OperationKind.SWITCHOVER), led(null),
                PatroniVerdicts.Next.WATCH, List.of(FAIL))).isEqualTo(Outcome.UNCERTAIN);
    }

    private static SwitchoverRequest request(OperationKind kind) {
        return new SwitchoverRequest(kind, "s", "demo", "node2", null);
    }

    private static ClusterSnapshot led(String leader) {
        return ClusterSnapshot.builder("s", "demo")
                .leader(leader)
                .timeline(2)
                .members(List.of())
                .sources(Map.of())
                .observedAt(Instant.EPOCH)
                .build();
    }
}
