package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardNodeConnector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shard node as read for one map: the node and the figures of the tables asked for that it has.
 *
 * @param node    the node, with its reach and error
 * @param figures figures per table; empty when the node was not read
 */
record NodeRead(MapNode node, Map<RemoteFigures.Table, TableFigures> figures) {

    /** Reads {@code tables} on {@code host:port/database} through the workspace source that has the node. */
    static NodeRead of(ShardNodeConnector connector, String label, String host, int port, String database,
                       List<RemoteFigures.Table> tables) {
        String id = MapNode.idOf(host, port, database);
        Optional<String> source = connector.sourceAt(host, port);
        if (source.isEmpty()) {
            return new NodeRead(new MapNode(id, label, host, port, database, null, NodeReach.NOT_IN_WORKSPACE,
                    "no workspace source has a member at " + host + ":" + port + "; add the node to the workspace "
                            + "(for example a source with nodes: [" + host + ":" + port + "]) to see its sizes"),
                    Map.of());
        }
        try (Connection c = connector.open(source.get(), host, port, database)) {
            return new NodeRead(new MapNode(id, label, host, port, database, source.get(), NodeReach.READ, null),
                    RemoteFigures.read(c, tables));
        } catch (SQLException | RuntimeException e) {
            return new NodeRead(new MapNode(id, label, host, port, database, source.get(), NodeReach.UNREACHABLE,
                    "could not read " + label + " (" + id + ") as source " + source.get() + ": " + words(e)
                            + "; check that the server is running and lets that source's user in, then read again"),
                    Map.of());
        }
    }

    private static String words(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
