package io.pilothouse.services.shards.map;

/**
 * A PostgreSQL server (and database) holding shards.
 *
 * @param id       stable key, {@code host:port/database}
 * @param label    what to call it: the workspace source or foreign server name, else {@code host:port}
 * @param host     host as the map names it (foreign server option, workspace node…)
 * @param port     port
 * @param database database the shards are in
 * @param source   the workspace source whose cluster this node belongs to, or null when the workspace does not know it
 * @param reach    whether it could be read
 * @param error    why it could not be read (what happened, what to do), or null
 */
public record MapNode(String id, String label, String host, int port, String database, String source,
                      NodeReach reach, String error) {

    /** The id of a node: {@code host:port/database}. */
    public static String idOf(String host, int port, String database) {
        return host + ":" + port + "/" + database;
    }

    /** {@code host:port}. */
    public String endpoint() {
        return host + ":" + port;
    }
}
