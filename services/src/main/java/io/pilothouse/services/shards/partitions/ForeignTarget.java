package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.shards.map.MapNode;

import java.util.Optional;

/**
 * Where a foreign partition's rows live: the server's {@code host}, {@code port} and {@code dbname} options and the
 * table's {@code schema_name} and {@code table_name} options.
 *
 * <p>Absent options take the defaults postgres_fdw (libpq) takes, with one deliberate difference: libpq's default
 * {@code dbname} is the remote user's name, which is the user mapping's {@code user} option (or the local user); those
 * options are only visible to the mapping's owner, so a missing {@code dbname} is taken to be the coordinator's own
 * database, the usual layout where shards mirror the coordinator.
 *
 * @param host     server host; of a server naming several, the one that is primary now
 * @param port     server port, 5432 when not set
 * @param database database on the server
 * @param schema   table's schema there, the local schema when not set
 * @param table    table's name there, the local name when not set
 */
public record ForeignTarget(String host, int port, String database, String schema, String table) {

    /** libpq's default port. */
    static final int DEFAULT_PORT = ServerEndpoints.DEFAULT_PORT;

    /** The target of a foreign partition, empty when its server names no host (a partition with no home). */
    static Optional<ForeignTarget> of(PartitionRow row, String coordinatorDatabase) {
        return of(row, coordinatorDatabase, null);
    }

    /**
     * The target of a foreign partition, empty when its server names no host or no valid port (a partition with no
     * home). A server naming several hosts (libpq's multi-host form) targets the one that is primary now in
     * {@code estate} (the first when the live model does not tell).
     */
    static Optional<ForeignTarget> of(PartitionRow row, String coordinatorDatabase, EstateSnapshot estate) {
        return ServerEndpoints.parse(row.serverOptions().get("host"), row.serverOptions().get("port"))
                .map(endpoints -> ServerEndpoints.current(endpoints, estate))
                .map(e -> new ForeignTarget(e.host(), e.port(),
                        row.serverOptions().getOrDefault("dbname", coordinatorDatabase),
                        row.tableOptions().getOrDefault("schema_name", row.schema()),
                        row.tableOptions().getOrDefault("table_name", row.name())));
    }

    /** The {@link MapNode#id()} of the server and database. */
    public String nodeId() {
        return MapNode.idOf(host, port, database);
    }

    /** The table, as the node reads it. */
    RemoteFigures.Table remoteTable() {
        return new RemoteFigures.Table(schema, table);
    }
}
