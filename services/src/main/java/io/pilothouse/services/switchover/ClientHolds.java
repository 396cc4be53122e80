package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.AuditTrail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several holds as one, e.g. each PgBouncer database in front of the cluster: held in order (one that fails lets
 * the ones already held go, then refuses the switchover), released in reverse order, every one of them released
 * whatever the others did; the report gets one line, the worst verdict with every hold's detail.
 */
public final class ClientHolds implements ClientHold {

    private final List<ClientHold> holds;
    private final List<ClientHold> held = new ArrayList<>();

    private ClientHolds(List<ClientHold> holds) {
        this.holds = List.copyOf(holds);
    }

    /** {@code holds} as one; {@link ClientHold#NONE} when empty, the hold itself when there is one. */
    public static ClientHold of(List<? extends ClientHold> holds) {
        return holds.isEmpty() ? NONE : holds.size() == 1 ? holds.get(0) : new ClientHolds(List.copyOf(holds));
    }

    @Override
    public synchronized void hold(ClusterSnapshot before, AuditTrail trail, Consumer<String> note) throws Exception {
        for (ClientHold h : holds) {
            try {
                h.hold(before, trail, note);
            } catch (Exception e) {
                release(before, before.leader(), trail, note);
                throw e;
            }
            held.add(h);
        }
    }

    @Override
    public synchronized void leaderRequested(ClusterSnapshot before, String candidate) {
        held.forEach(h -> h.leaderRequested(before, candidate));
    }

    @Override
    public synchronized VerificationItem release(ClusterSnapshot after, String expectedLeader, AuditTrail trail,
                                                 Consumer<String> note) {
        VerificationItem merged = null;
        for (int i = held.size() - 1; i >= 0; i--) {
            VerificationItem item = held.get(i).release(after, expectedLeader, trail, note);
            if (item != null) {
                merged = merged == null ? item : new VerificationItem(merged.id(), merged.title(),
                        merged.verdict().worst(item.verdict()), item.detail() + "; " + merged.detail());
            }
        }
        held.clear();
        return merged;
    }

    @Override
    public String toString() {
        return holds.toString();
    }
}
