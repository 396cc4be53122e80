package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.PreparedBranch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups the prepared branches of one scan (every primary of the estate) into global transactions.
 *
 * <p>Branches whose gids give the same global id under the same pattern belong together, whichever node or database
 * they are on. An unmatched gid is a global transaction of its own, noted "no pattern matched" (even when the same
 * gid is on two nodes: without a pattern there is no telling whether they belong together).
 *
 * <p><b>Expected participants (heuristic).</b> A gid names only its own participant, so a branch that is already
 * committed or rolled back leaves no trace. For the guides' {@code <global-id>_<node-name>} convention the expected
 * participants of a transaction are the ones present plus every participant named by another transaction of the
 * same family in the same scan: one coordinator usually writes to the same set of nodes. That is wrong for a
 * coordinator touching a different subset of nodes per transaction, which is why a missing participant only ever
 * leads to advice that names it and asks, never to an action of its own. Citus, XA and workspace patterns expect only
 * what is present (their gids do not say which nodes took part).
 *
 * <p>Pure: no I/O, thread-safe.
 */
public final class GlobalTransactionGrouping {

    private GlobalTransactionGrouping() {
    }

    /**
     * The global transactions of {@code branches}, oldest first.
     *
     * @param knownNodes the estate's node names, for splitting gids (see {@link GidPatterns#knownNodeNames})
     */
    public static List<GlobalTransaction> group(List<PreparedBranch> branches, GidPatterns patterns,
                                                Set<String> knownNodes) {
        Map<String, Builder> byKey = new LinkedHashMap<>();
        List<PreparedBranch> sorted = new ArrayList<>(branches);
        sorted.sort(Comparator.comparing(PreparedBranch::prepared).thenComparing(PreparedBranch::gid));
        int unmatched = 0;
        for (PreparedBranch b : sorted) {
            GidMatch m = patterns.classify(b.gid(), knownNodes);
            String key = m.unmatched() ? "\u0000unmatched\u0000" + unmatched++ : m.pattern() + "\u0000" + m.globalId();
            byKey.computeIfAbsent(key, k -> new Builder(m)).add(m, b);
        }
        Map<String, Set<String>> familyParticipants = new HashMap<>();
        for (Builder t : byKey.values()) {
            if (GidPatterns.GLOBAL_NODE.equals(t.first.pattern())) {
                familyParticipants.computeIfAbsent(t.first.family(), f -> new TreeSet<>()).addAll(t.named);
            }
        }
        List<GlobalTransaction> out = new ArrayList<>();
        for (Builder t : byKey.values()) {
            Set<String> expected = new TreeSet<>(t.branches.keySet());
            expected.addAll(familyParticipants.getOrDefault(t.first.family(), Set.of()));
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(t.branches.keySet());
            missing.removeAll(t.named);
            out.add(new GlobalTransaction(t.first.globalId(), t.first.pattern(), t.first.family(), t.branches,
                    new TreeSet<>(expected), new TreeSet<>(missing), List.copyOf(t.notes)));
        }
        return out;
    }

    private static final class Builder {
        final GidMatch first;
        final Map<String, PreparedBranch> branches = new LinkedHashMap<>();
        final Set<String> named = new LinkedHashSet<>();
        final Set<String> notes = new LinkedHashSet<>();

        Builder(GidMatch first) {
            this.first = first;
        }

        void add(GidMatch m, PreparedBranch b) {
            String participant = m.participant() != null ? m.participant() : b.node().label();
            if (m.participant() != null) {
                named.add(m.participant());
            }
            if (m.note() != null) {
                notes.add(m.note());
            }
            String key = participant;
            if (branches.containsKey(key)) {
                PreparedBranch earlier = branches.get(key);
                key = participant + " (" + b.node().label() + ", " + b.gid() + ")";
                notes.add("participant '" + participant + "' has more than one branch: '" + earlier.gid() + "' on "
                        + earlier.node().label() + " and '" + b.gid() + "' on " + b.node().label());
            }
            branches.put(key, b);
        }
    }
}
