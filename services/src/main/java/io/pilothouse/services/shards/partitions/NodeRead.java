package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardNodeConnector;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shard node as read for one map: the node and the figures of the tables asked for that it has.
 *
 * @param node    the node, with its reach and error
 * @param figures figures per table; empty when the node was not read
 * @param readAt  when the figures were read (write rates are over the time between a node's reads)
 */
record NodeRead(MapNode node, Map<RemoteFigures.Table, TableFigures> figures, Instant readAt) {

    /** Reads {@code tables} on {@code host:port/database} through the workspace source that has the node. */
    static NodeRead of(ShardNodeConnector connector, Clock clock, String label, String host, int port,
                       String database, List<RemoteFigures.Table> tables) {
        String id = MapNode.idOf(host, port, database);
        Optional<String> source = connector.sourceAt(host, port);
        if (source.isEmpty()) {
            return new NodeRead(new MapNode(id, label, host, port, database, null, NodeReach.NOT_IN_WORKSPACE,
                    "no workspace source has a member at " + host + ":" + port + "; add the node to the workspace "
                            + "(for example a source with nodes: [" + host + ":" + port + "]) to see its sizes"),
                    Map.of(), clock.instant());
        }
        try (Connection c = connector.open(source.get(), host, port, database)) {
            Map<RemoteFigures.Table, TableFigures> figures = RemoteFigures.read(c, tables);
            return new NodeRead(new MapNode(id, label, host, port, database, source.get(), NodeReach.READ, null),
                    figures, clock.instant());
        } catch (SQLException | RuntimeException e) {
            return new NodeRead(new MapNode(id, label, host, port, database, source.get(), NodeReach.UNREACHABLE,
                    "could not read " + label + " (" + id + ") as source " + source.get() + ": " + words(e)
                            + "; check that the server is running and lets that source's user in, then read again"),
                    Map.of(), clock.instant());
        }
    }

    private static String words(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
