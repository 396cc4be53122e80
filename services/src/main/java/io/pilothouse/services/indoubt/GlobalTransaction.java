package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.PreparedBranch;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The prepared branches of one global (distributed) transaction found in one scan, and the participants that
 * should have one but do not. Built by {@link GlobalTransactionGrouping}.
 *
 * @param globalId the global transaction id (the gid itself when no pattern matched)
 * @param pattern  the gid pattern that recognised it, {@link GidPatterns#UNMATCHED} when none did
 * @param family   its family (see {@link GidMatch#family()})
 * @param branches participant → its branch, oldest first; the participant is the name the gid gives, else the
 *                 label of the node holding the branch
 * @param expected participants that should have a branch: those present, plus (for the guides' convention only)
 *                 every participant seen in the same family in this scan — a heuristic, see
 *                 {@link GlobalTransactionGrouping}
 * @param missing  {@code expected} minus {@code branches}: where the branch is gone (committed or rolled back there)
 *                 or never was (the heuristic guessed wrong)
 * @param notes    how the gids were read when that was a guess, or why it stands alone ("no pattern matched")
 */
public record GlobalTransaction(String globalId, String pattern, String family, Map<String, PreparedBranch> branches,
                                SortedSet<String> expected, SortedSet<String> missing, List<String> notes) {

    public GlobalTransaction {
        Objects.requireNonNull(globalId, "globalId");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(family, "family");
        if (branches == null || branches.isEmpty()) {
            throw new IllegalArgumentException("a global transaction has at least one branch");
        }
        branches = Collections.unmodifiableMap(new LinkedHashMap<>(branches));
        expected = Collections.unmodifiableSortedSet(new TreeSet<>(expected == null ? Set.of() : expected));
        missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing == null ? Set.of() : missing));
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** True when no gid pattern recognised the gid. */
    public boolean unmatched() {
        return GidPatterns.UNMATCHED.equals(pattern);
    }

    /** When the first branch was prepared. */
    public Instant firstPrepared() {
        return branches.values().stream().map(PreparedBranch::prepared).min(Instant::compareTo).orElseThrow();
    }

    /** When the last branch was prepared. */
    public Instant lastPrepared() {
        return branches.values().stream().map(PreparedBranch::prepared).max(Instant::compareTo).orElseThrow();
    }

    /**
     * The transaction's age at {@code now}: that of its youngest branch, so "older than N seconds" means every
     * branch is, and a transaction still preparing its last branches counts as young.
     */
    public long ageSeconds(Instant now) {
        return branches.values().stream().mapToLong(b -> b.ageSeconds(now)).min().orElseThrow();
    }
}
