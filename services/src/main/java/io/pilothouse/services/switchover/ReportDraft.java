package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What is known so far of one operation, turned into its {@link SwitchoverReport} at the end. */
final class ReportDraft {

    private final SwitchoverRequest request;
    private final Instant startedAt;
    private final long startNanos;
    private final ClusterSnapshot before;
    private final ProgressTracker tracker;
    private final Supplier<ClusterSnapshot> current;
    final List<String> responses = new ArrayList<>();
    CandidateChecks checks;
    Long predictedLoss;
    String summary = "";

    /** @param current the cluster as the live model sees it now ({@code before} when it is gone) */
    ReportDraft(SwitchoverRequest request, Instant startedAt, long startNanos, ClusterSnapshot before,
                ProgressTracker tracker, Supplier<ClusterSnapshot> current) {
        this.request = request;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.before = before;
        this.tracker = tracker;
        this.current = current;
    }

    SwitchoverReport build(Outcome outcome, WriteProbeResult writes, List<VerificationItem> items) {
        WriteProbeResult w = writes == null ? WriteProbeResult.NOT_MEASURED : writes;
        List<VerificationItem> all = new ArrayList<>(items == null ? List.of() : items);
        if (items != null) {
            all.add(writesItem(w));
        }
        ClusterSnapshot now = current.get();
        String sentence = switch (outcome) {
            case COMPLETED -> request.candidate() + " is the leader of " + request.scope()
                    + (w.measured() && w.everWrote() ? "; writes were unavailable for "
                    + w.unavailable().toMillis() + " ms" : "");
            case SCHEDULED -> summary;
            case REFUSED -> "nothing changed: " + summary;
            case FAILED -> request.kind().word() + " did not complete: " + summary + "; leader is "
                    + (now.leader() == null ? "nobody" : now.leader());
            case UNCERTAIN -> now.leader() != null && now.leader().equals(request.candidate())
                    ? "outcome uncertain: " + request.candidate() + " is the leader of " + request.scope() + ", but "
                    + summary
                    : "outcome unknown: " + summary + "; no member holds the leader key yet";
        };
        return new SwitchoverReport(request, outcome, sentence, startedAt, before.leader(), now.leader(),
                checks, predictedLoss, tracker.steps(), responses, all, w,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static VerificationItem writesItem(WriteProbeResult w) {
        if (!w.measured()) {
            return new VerificationItem("writes", "Write unavailability measured", Verdict.WARN,
                    "not measured: no SQL access to the primary");
        }
        if (!w.everWrote()) {
            return new VerificationItem("writes", "Write unavailability measured", Verdict.WARN,
                    "the probe never managed to write: " + w.lastError());
        }
        return new VerificationItem("writes", "Write unavailability measured", Verdict.PASS,
                "longest gap between acknowledged writes " + w.unavailable().toMillis() + " ms (" + w.writes()
                        + " writes, " + w.failures() + " failed attempts)");
    }
}
