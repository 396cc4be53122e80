package io.pilothouse.services.reshard;

import java.util.ArrayList;
import java.util.List;

/** Every statement a move or split will run, step by step, as the wizard and the CLI preview it. */
public final class MovePreview {

    private MovePreview() {
    }

    /** Statements a plan will run, step by step, for the preview (the subscription's password replaced). */
    public static List<String> statements(MovePlan p) {
        List<String> lines = new ArrayList<>();
        lines.add("-- 1. on the target " + p.target().describe());
        lines.addAll(p.targetDdl());
        lines.add(MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
        lines.add(MoveStatements.createMarker(p.marker()));
        lines.add("-- 2. on the source " + p.source().describe());
        lines.add(MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
        lines.add(MoveStatements.createMarker(p.marker()));
        if (p.split() != null) {
            if (p.split().helperCreated()) {
                lines.add(MoveStatements.createHashHelper(p.split()));
            }
            if (p.split().identityIndex() != null) {
                lines.add(MoveStatements.createIdentityIndex(p.sourceTable(), p.split()));
                lines.add(MoveStatements.identityUsing(p.sourceTable(), p.split()));
            }
            lines.add(MoveStatements.createSplitPublication(p.replicationName(), p.sourceTable(), p.split(),
                    p.marker()));
        } else {
            lines.add(MoveStatements.createPublication(p.replicationName(), p.sourceTable(), p.marker()));
        }
        lines.add("-- 3. on the source, a role for this move only; on the target, copy and stream as it");
        lines.add(MoveStatements.createReplicationRole(p.replicationRole(), ReplicationRole.MASK));
        lines.addAll(ReplicationRole.grants(p));
        lines.add(SubscriptionConnection.subscriptionPreview(p));
        lines.add("-- 4. cutover: writes blocked on the coordinator " + p.coordinator().describe()
                + (p.sourceForeign() ? " and on the source" : "") + ", until the target has the marker");
        if (p.split() != null) {
            lines.addAll(SplitCutover.statements(p));
            lines.add("-- 5. clean up");
            lines.add(MoveStatements.dropPublication(p.replicationName()));
            lines.add(MoveStatements.dropOwned(p.replicationRole()));
            lines.add(MoveStatements.dropRole(p.replicationRole()));
            return lines;
        }
        lines.addAll(Cutover.statements(p));
        lines.add("-- 5. verify count and checksum on both sides, then clean up");
        lines.add(MoveStatements.checksum(p.sourceTable().withName(p.keptName())));
        lines.add(MoveStatements.dropSubscription(p.replicationName()));
        lines.add(MoveStatements.dropPublication(p.replicationName()));
        lines.add(MoveStatements.dropOwned(p.replicationRole()));
        lines.add(MoveStatements.dropRole(p.replicationRole()));
        lines.add("-- the source is kept as " + p.sourceTable().withName(p.keptName()) + " until you drop it");
        return lines;
    }
}
