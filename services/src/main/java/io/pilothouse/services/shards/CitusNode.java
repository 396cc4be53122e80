package io.pilothouse.services.shards;

/**
 * A row of {@code pg_dist_node}: one Citus worker or the coordinator.
 *
 * @param nodeId           nodeid
 * @param groupId          groupid (0 is the coordinator's group)
 * @param name             nodename
 * @param port             nodeport
 * @param active           isactive
 * @param role             noderole ({@code primary}, {@code secondary}, …)
 * @param shouldHaveShards shouldhaveshards: false for a node being drained
 */
public record CitusNode(int nodeId, int groupId, String name, int port, boolean active, String role,
                        boolean shouldHaveShards) {
}
