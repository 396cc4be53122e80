package io.pilothouse.services.switchover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one switchover or failover: what was asked, what the pre-checks said, what happened and when,
 * what Patroni answered, what was verified afterwards and what the writes saw.
 *
 * @param request             what was asked
 * @param outcome             how it ended
 * @param summary             one sentence
 * @param startedAt           when the operation started
 * @param oldLeader           leader before, or null
 * @param newLeader           leader when watching stopped, or null
 * @param checks              the candidate's pre-check row, or null when there was no such candidate
 * @param predictedLossBytes  failover: bytes behind the last known leader position; null otherwise
 * @param steps               progress as seen in the live model
 * @param responses           Patroni's answers
 * @param verification        the verification report (empty when nothing was attempted)
 * @param writes              the write probe's figures
 * @param total               from start to the end of verification
 */
public record SwitchoverReport(SwitchoverRequest request, Outcome outcome, String summary, Instant startedAt,
                               String oldLeader, String newLeader, CandidateChecks checks, Long predictedLossBytes,
                               List<ProgressStep> steps, List<String> responses, List<VerificationItem> verification,
                               WriteProbeResult writes, Duration total) {

    public SwitchoverReport {
        steps = List.copyOf(steps);
        responses = List.copyOf(responses);
        verification = List.copyOf(verification);
    }

    /** True when the operation completed and nothing in the verification failed. */
    public boolean allGreen() {
        return outcome == Outcome.COMPLETED && verification.stream().allMatch(v -> v.verdict() == Verdict.PASS);
    }
}
