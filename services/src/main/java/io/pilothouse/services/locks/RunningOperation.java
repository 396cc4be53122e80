package io.pilothouse.services.locks;

import java.time.Duration;
import java.time.Instant;

/**
 * One operation running on a cluster, for every window to show: what runs, since when, where, what it holds and,
 * when a step waits, on what.
 *
 * @param id        unique within this process ({@code op-3}); for another operator's, the lock key
 * @param scope     the cluster whose operation lock it holds
 * @param action    the audited verb ({@code switchover}, {@code reshard-move}, {@code commit-prepared}…)
 * @param target    the member or object acted on ({@code node2}, {@code demo.orders_p3}), or null when unknown
 * @param origin    this Pilothouse, or another operator seen through the etcd lock
 * @param holder    who runs it ({@code ana@host1 (pid 1234)})
 * @param since     when it started (took the lock)
 * @param holds     what it holds, in words (the lock key, a table lock…)
 * @param step      the step running now, or null
 * @param waitingOn what the step has been waiting on for more than a few seconds, or null
 */
public record RunningOperation(String id, String scope, String action, String target, Origin origin, String holder,
                               Instant since, String holds, String step, String waitingOn) {

    /** Where an operation runs. */
    public enum Origin {
        /** Started by this Pilothouse process. */
        THIS_APP,
        /** Another Pilothouse (another window, user or machine), known from the cluster's etcd operation lock. */
        OTHER_OPERATOR
    }

    /** True when this process started it. */
    public boolean ours() {
        return origin == Origin.THIS_APP;
    }

    /** {@code reshard-move demo.orders_p3 on demo (this Pilothouse, 42 s)}. */
    public String describe(Instant now) {
        long secs = Math.max(0, Duration.between(since, now).toSeconds());
        return action + (target == null ? "" : " " + target) + " on " + scope + " ("
                + (ours() ? "this Pilothouse" : holder) + ", " + secs + " s)";
    }

    RunningOperation withStep(String newStep) {
        return new RunningOperation(id, scope, action, target, origin, holder, since, holds, newStep, null);
    }

    RunningOperation withWaitingOn(String what) {
        return new RunningOperation(id, scope, action, target, origin, holder, since, holds, step, what);
    }
}
