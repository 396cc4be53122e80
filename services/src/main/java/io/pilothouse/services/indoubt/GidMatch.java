package io.pilothouse.services.indoubt;

import java.util.Objects;

/**
 * What a gid says about itself: which global transaction it is a branch of and, when the gid names it, the
 * participant (node) it was prepared for.
 *
 * @param pattern     name of the pattern that matched ({@link GidPatterns#UNMATCHED} when none did)
 * @param family      transactions of one family are written by the same coordinator; used for the expected
 *                    participants heuristic (see {@link GlobalTransactionGrouping})
 * @param globalId    the global transaction id: equal for every branch of one global transaction
 * @param participant the participant the gid names ({@code node_a}), or null when it names none
 * @param branch      the branch qualifier the gid carries besides the global id (XA {@code bqual}, Citus
 *                    connection id), or null
 * @param note        how the gid was read when that is a guess (an ambiguous split) or did not work, else null
 */
public record GidMatch(String pattern, String family, String globalId, String participant, String branch,
                       String note) {

    public GidMatch {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(globalId, "globalId");
    }

    /** True when no pattern recognised the gid: its branch is a global transaction of its own. */
    public boolean unmatched() {
        return GidPatterns.UNMATCHED.equals(pattern);
    }
}
