package io.pilothouse.services.shards.map;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How map readers reach shard nodes: through the workspace's sources, with their users, passfiles and TLS settings,
 * never with credentials of their own.
 */
public interface ShardNodeConnector {

    /** The workspace source one of whose clusters has a member at {@code host:port}, if any. */
    Optional<String> sourceAt(String host, int port);

    /**
     * A fresh, short-timeout connection to {@code database} on {@code host:port} as {@code source}'s user; the caller
     * closes it.
     *
     * @throws SQLException when it cannot connect (the message says why)
     */
    Connection open(String source, String host, int port, String database) throws SQLException;
}
