package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;

import java.time.Instant;
import java.util.List;

/** Branches and nodes for the in-doubt tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    static NodeRef node(String scope, String member) {
        return new NodeRef("estate", scope, member, "10.0.0.1", 5432);
    }

    static PreparedBranch branch(NodeRef node, String gid, long ageSeconds) {
        return new PreparedBranch(node, gid, "app", "app_owner", NOW.minusSeconds(ageSeconds), 1000, 5000,
                200_000_000, List.of(), List.of(), false);
    }
}
