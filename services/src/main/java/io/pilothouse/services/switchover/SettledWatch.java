package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Watches the live model after Patroni was asked until every verification line holds (the load balancer's write
 * port last), another member took the leader key, the old leader kept it, or {@link SwitchoverSettings#verifyTimeout()}
 * passed since the leader change.
 */
final class SettledWatch {

    private final Function<ClusterSnapshot, WriteEndpoint> writeEndpoints;
    private final SwitchoverSettings settings;

    SettledWatch(Function<ClusterSnapshot, WriteEndpoint> writeEndpoints, SwitchoverSettings settings) {
        this.writeEndpoints = writeEndpoints;
        this.settings = settings;
    }

    /**
     * @param cluster the cluster as the live model sees it now
     * @param changed released on each new snapshot of the cluster
     * @return the verification lines when watching stopped
     */
    List<VerificationItem> await(SwitchoverRequest request, ClusterSnapshot before, DynamicConfig config,
                                 PatroniVerdicts.Next next, ProgressTracker tracker, Semaphore changed,
                                 Supplier<ClusterSnapshot> cluster) {
        // Bounded from the leader change: until it is seen, from the start of watching.
        long deadline = System.nanoTime() + settings.verifyTimeout().toNanos();
        boolean leaderChangeSeen = false;
        // After "failed", Patroni has given up: a shorter look is enough to be sure the old leader stayed.
        long failedDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        WriteEndpoint endpoint = writeEndpoints.apply(before);
        VerificationItem endpointItem = null;
        long endpointCheckedAt = 0;
        List<VerificationItem> items = List.of();
        while (System.nanoTime() < deadline) {
            ClusterSnapshot now = cluster.get();
            if (!leaderChangeSeen && request.candidate().equals(now.leader())) {
                leaderChangeSeen = true;
                deadline = System.nanoTime() + settings.verifyTimeout().toNanos();
            }
            items = new ArrayList<>(Verifier.verify(before, now, request, config));
            // The balancer follows its own health checks: ask it at most once a second, once the rest holds.
            if (endpoint != null && Verifier.settled(items)) {
                if (endpointItem == null || endpointItem.verdict() == Verdict.FAIL
                        && System.nanoTime() - endpointCheckedAt > 1_000_000_000L) {
                    endpointItem = endpoint.check(now);
                    endpointCheckedAt = System.nanoTime();
                }
                items.add(endpointItem);
            }
            if (Verifier.settled(items) && (endpoint == null || endpointItem != null)) {
                tracker.note("verified: every check holds");
                return items;
            }
            if (now.leader() != null && !now.leader().equals(request.candidate())
                    && !now.leader().equals(before.leader())) {
                tracker.note(now.leader() + " took the leader key instead of " + request.candidate()
                        + "; stopped watching");
                return items;
            }
            boolean oldLeaderKept = before.leader() != null && before.leader().equals(now.leader());
            if (next == PatroniVerdicts.Next.WATCH && oldLeaderKept && System.nanoTime() > failedDeadline) {
                tracker.note(before.leader() + " kept the leader key; nothing changed");
                return items;
            }
            try {
                // Until the next snapshot, or a moment to re-ask the load balancer and check the deadlines.
                changed.tryAcquire(200, TimeUnit.MILLISECONDS);
                changed.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tracker.note("stopped watching " + settings.verifyTimeout().toSeconds() + " s after "
                + (leaderChangeSeen ? "the leader change" : "the request") + "; failed: " + String.join(", ",
                items.stream().filter(i -> i.verdict() == Verdict.FAIL).map(VerificationItem::id).toList()));
        return items;
    }
}
