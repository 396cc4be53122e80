package io.pilothouse.services.trafficops;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.AuditTrail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A client hold's HAProxy steering (see {@link HaproxyWriteSteer}): its plan, what was done and the read-back after,
 * audited as {@code haproxy.plan}, {@code haproxy.steer} and {@code haproxy.after}. A hold without HAProxy has none.
 */
final class HoldSteering {

    private final HaproxyWriteSteer haproxy;
    private volatile String plan;
    private volatile String done;

    HoldSteering(HaproxyWriteSteer haproxy) {
        this.haproxy = haproxy;
    }

    /**
     * Reads HAProxy's write backends before the leader change.
     *
     * @return whether there is something to steer once the candidate accepts writes
     */
    boolean prepare(ClusterSnapshot before, String candidate) {
        try {
            plan = haproxy.prepare(before, candidate);
            return true;
        } catch (TrafficSourceException | RuntimeException e) {
            plan = "HAProxy not steered: " + e.getMessage();
            done = plan;
            return false;
        }
    }

    /** Waits for the candidate to accept writes, then steers (see {@link HaproxyWriteSteer#steerOncePromoted}). */
    void steerOncePromoted(ClusterSnapshot before, String candidate, Duration timeout, BooleanSupplier cancelled)
            throws InterruptedException {
        done = haproxy.steerOncePromoted(before, candidate, timeout, cancelled);
    }

    /** The plan, what was done and HAProxy's state now, audited; "" when nothing was prepared. */
    String audit(AuditTrail trail) {
        if (plan == null) {
            return "";
        }
        String steered = done == null ? "HAProxy not steered: the candidate was not seen accepting writes" : done;
        String now = haproxy.readBack();
        trail.result("haproxy.plan", plan);
        trail.result("haproxy.steer", steered);
        trail.result("haproxy.after", now);
        return "; " + steered + (now.isEmpty() ? "" : "; HAProxy now: " + now);
    }
}
