package io.pilothouse.services.replicas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a replica operation did: the pre-checks, every step run (command lines as run), what a failure undid, and how
 * long it took.
 *
 * @param action   {@code replica-add} or {@code replica-remove}
 * @param member   the replica
 * @param where    where the commands ran ({@code this machine}, {@code ssh ...})
 * @param checks   the pre-checks
 * @param ran      each step run, {@code ok: <purpose>: <command>} or {@code FAILED: ...}
 * @param undone   each undo step run after a failure, with its outcome
 * @param notes    facts found on the way (streaming since, slot active, ...)
 * @param ok       true when every step succeeded
 * @param elapsed  from the first step to the last
 */
public record ReplicaReport(String action, String member, String where, List<PreCheck> checks, List<String> ran,
                            List<String> undone, List<String> notes, boolean ok, Duration elapsed) {

    public ReplicaReport {
        checks = List.copyOf(checks);
        ran = List.copyOf(ran);
        undone = List.copyOf(undone);
        notes = List.copyOf(notes);
    }

    /** The report as lines for a terminal or a report page. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(action + " " + member + " on " + where + ": " + (ok ? "done" : "FAILED") + " in "
                + String.format(java.util.Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
        ran.forEach(r -> out.add("  " + r));
        if (!undone.isEmpty()) {
            out.add("Undone after the failure:");
            undone.forEach(u -> out.add("  " + u));
        }
        notes.forEach(n -> out.add(n));
        return out;
    }
}
