package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything shown before a replica is added: the pre-checks with their reasons, every step with the exact command
 * that will run on the target, and (Patroni) the new member's configuration with its secrets shown by reference.
 *
 * @param cluster    the cluster as it was when the preview was made
 * @param request    what was asked
 * @param patroni    true for a Patroni cluster
 * @param upstream   the member it copies from
 * @param where      where the commands run
 * @param checks     the pre-checks
 * @param steps      the steps, in order
 * @param configText the new member's patroni.yml as shown (passwords by reference), or null for a plain cluster
 */
public record ReplicaPreview(ClusterSnapshot cluster, ReplicaRequest request, boolean patroni,
                             UpstreamMember upstream, String where, List<PreCheck> checks,
                             List<PlannedStep> steps, String configText) implements CheckedPreview {

    public ReplicaPreview {
        checks = List.copyOf(checks);
        steps = List.copyOf(steps);
    }

    /** The preview for a terminal: checks, then numbered steps, then the configuration. */
    @Override
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Add " + request.name() + " to " + cluster.scope() + " (" + (patroni ? "Patroni" : "plain streaming")
                + "), copying from " + upstream.name() + " (" + upstream.host() + ":" + upstream.port() + "); "
                + "commands run on " + where);
        out.add("Pre-checks:");
        checks.forEach(c -> out.add("  " + c.line()));
        out.add("Steps (each command exactly as it will run):");
        for (int i = 0; i < steps.size(); i++) {
            out.add(String.format("  %2d. %s", i + 1, steps.get(i).line()));
            for (PlannedStep undo : steps.get(i).undo()) {
                out.add("      if this or a later step fails: " + undo.line());
            }
        }
        if (configText != null) {
            out.add("patroni.yml of " + request.name() + ":");
            configText.lines().forEach(l -> out.add("  | " + l));
        }
        return out;
    }
}
