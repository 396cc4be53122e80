package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One pass over every primary and standalone node of the workspace.
 *
 * @param at       when it finished
 * @param nodes    the nodes read (successfully or not)
 * @param branches every prepared branch found, oldest first
 * @param errors   why a node could not be read, in words, by node
 */
public record InDoubtScan(Instant at, List<NodeRef> nodes, List<PreparedBranch> branches,
                          Map<NodeRef, String> errors) {

    public InDoubtScan {
        nodes = List.copyOf(nodes);
        branches = List.copyOf(branches);
        errors = Map.copyOf(errors);
    }
}
