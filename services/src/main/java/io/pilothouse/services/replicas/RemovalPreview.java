package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything shown before a replica is removed: the checks (never the leader, never the last synchronous or quorum
 * standby) and every step with its exact command.
 */
public record RemovalPreview(ClusterSnapshot cluster, String member, boolean patroni, String where,
                             List<PreCheck> checks, List<PlannedStep> steps) implements CheckedPreview {

    public RemovalPreview {
        checks = List.copyOf(checks);
        steps = List.copyOf(steps);
    }

    @Override
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Remove " + member + " from " + cluster.scope() + " (" + (patroni ? "Patroni" : "plain streaming")
                + "); commands run on " + where);
        out.add("Checks:");
        checks.forEach(c -> out.add("  " + c.line()));
        out.add("Steps (each command exactly as it will run):");
        for (int i = 0; i < steps.size(); i++) {
            out.add(String.format("  %2d. %s", i + 1, steps.get(i).line()));
        }
        return out;
    }
}
