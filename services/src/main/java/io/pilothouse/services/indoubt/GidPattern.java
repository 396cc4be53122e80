package io.pilothouse.services.indoubt;

import java.util.Optional;
import java.util.Set;

/** One way coordinators write gids. Implementations are pure and thread-safe. */
public interface GidPattern {

    /** Shown next to each transaction it recognised. */
    String name();

    /**
     * How {@code gid} reads under this pattern, or empty when it is not one of its gids.
     *
     * @param knownNodes the estate's node names (labels {@code scope/member}, member, scope and source names),
     *                   which disambiguate gids whose global id and node name may both contain {@code _}
     */
    Optional<GidMatch> match(String gid, Set<String> knownNodes);
}
