package io.pilothouse.services.reshard;

/**
 * What the operator asks for: move {@code partition} of the coordinator's partitioned table to the node its foreign
 * server {@code targetServer} reaches.
 *
 * @param cluster      the coordinator's cluster, {@code source/scope}
 * @param coordinator  the coordinator database (the cluster's primary now)
 * @param partition    the partition, as typed ({@code demo.orders_p3}); resolved with {@code to_regclass}
 * @param targetServer the coordinator's postgres_fdw server for the target node
 * @param user         the role to connect as on every node
 */
public record MoveRequest(String cluster, ReshardNode coordinator, String partition, String targetServer,
                          String user) {
}
