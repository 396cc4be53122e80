package io.pilothouse.app.fx;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.operations.OperationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What each Patroni operation touches, in the words its confirmation shows, and the figures of a verified result.
 * Kept apart from the dialogs so the wording can be read (and reviewed) in one place.
 */
final class OperationWording {

    private static final int ANSWER_CHARS = 140;

    private OperationWording() {
    }

    /** {@code node2 (replica)}. */
    static String who(ClusterSnapshot cluster, String member) {
        return member + cluster.member(member).map(m -> " (" + m.role().label().toLowerCase(Locale.ROOT) + ")")
                .orElse("");
    }

    private static boolean isLeader(ClusterSnapshot cluster, String member) {
        return member.equals(cluster.leader())
                || cluster.member(member).map(m -> m.role().isLeaderLike()).orElse(false);
    }

    static String restart(ClusterSnapshot cluster, String member) {
        String text = "PostgreSQL on " + who(cluster, member) + " of " + cluster.scope() + " restarts: connections to "
                + member + " are dropped and new ones are refused until it is back (usually a few seconds).";
        if (isLeader(cluster, member)) {
            text += " " + member + " is the leader: writes to " + cluster.scope() + " stop meanwhile; Patroni does "
                    + "not fail over for a restart.";
        }
        return text;
    }

    static String reload(ClusterSnapshot cluster, String member) {
        return "Patroni on " + who(cluster, member) + " re-reads its configuration file and PostgreSQL reloads; no "
                + "connection is dropped. A changed setting that needs a restart is reported as pending.";
    }

    static String reinitialize(ClusterSnapshot cluster, String member) {
        String leader = cluster.leader() == null ? "the leader" : "the leader " + cluster.leader();
        return "The data directory of " + who(cluster, member) + " is wiped and copied again from " + leader
                + ": connections to " + member + " are dropped and it serves nothing until the copy finishes "
                + "(longer for a bigger database). The leader is not touched.";
    }

    static String pause(ClusterSnapshot cluster) {
        return "Maintenance mode: Patroni stops failing over automatically for every member of " + cluster.scope()
                + " (" + members(cluster) + ") until you resume. PostgreSQL keeps running and serving connections; "
                + "if the leader fails meanwhile, nobody takes over.";
    }

    static String resume(ClusterSnapshot cluster) {
        return "Patroni manages " + cluster.scope() + " (" + members(cluster) + ") again: automatic failover is back "
                + "on, and Patroni acts at once on anything that changed while paused (it may start a stopped member "
                + "or fail over from a lost leader).";
    }

    private static String members(ClusterSnapshot cluster) {
        return cluster.members().stream().map(Member::name).map(n -> who(cluster, n))
                .collect(Collectors.joining(", "));
    }

    /** Timings, then Patroni's answers. */
    static List<String> figures(OperationResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Patroni answered in %.1f s; the outcome was seen %.1f s later.",
                result.commandTime().toMillis() / 1000.0, result.verifyTime().toMillis() / 1000.0));
        // A PATCH /config answer carries the whole configuration: the audit log keeps it in full.
        result.answers().forEach(a -> lines.add("Patroni: " + (a.length() <= ANSWER_CHARS ? a
                : a.substring(0, ANSWER_CHARS) + " \u2026 (in full in the audit log)")));
        return lines;
    }
}
