package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.patroni.PatroniAnswer;
import io.pilothouse.services.policy.AuditTrail;

import java.time.Duration;
import java.util.function.Supplier;

/** Cancels a scheduled switchover ({@code DELETE /switchover}) and waits until the live model no longer shows it. */
final class ScheduledCancellation {

    private ScheduledCancellation() {
    }

    /**
     * Run inside the operation guard, for a cluster that has a scheduled switchover.
     *
     * @param current the cluster as the live model sees it now
     * @return what happened, in words
     * @throws IllegalStateException when Patroni did not delete it
     */
    static String cancel(PatroniRequests requests, ClusterSnapshot cluster, String source, String scope,
                         AuditTrail trail, Supplier<ClusterSnapshot> current) throws Exception {
        String was = "switchover to " + cluster.scheduledSwitchover().to() + " at "
                + cluster.scheduledSwitchover().at();
        PatroniAnswer answer = requests.deleteScheduled(cluster, source, scope, trail);
        if (answer == null) {
            throw new IllegalStateException("no member's REST API answered; the " + was + " may still be set");
        }
        trail.response(answer.describe());
        if (!answer.isSuccess()) {
            throw new IllegalStateException(PatroniVerdicts.explain(answer, "cancellation"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (current.get().scheduledSwitchover() != null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        boolean gone = current.get().scheduledSwitchover() == null;
        trail.result("verified", gone ? "no scheduled switchover in the live model" : "still shown");
        return "cancelled the " + was + (gone ? "; the live model shows none scheduled"
                : "; Patroni said so, but the live model still shows it after 15 s");
    }
}
