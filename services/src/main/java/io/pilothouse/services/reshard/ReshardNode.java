package io.pilothouse.services.reshard;

/**
 * A PostgreSQL database taking part in a move: the coordinator, the node a partition's rows live on now, or the node
 * they go to.
 *
 * @param label    what to call it in messages: a workspace source or foreign server name
 * @param source   the workspace source whose settings reach it
 * @param host     host
 * @param port     port
 * @param database database
 */
public record ReshardNode(String label, String source, String host, int port, String database) {

    /** {@code label (host:port/database)}. */
    public String describe() {
        return label + " (" + host + ":" + port + "/" + database + ")";
    }

    /** True when both name the same database on the same server. */
    public boolean sameDatabaseAs(ReshardNode other) {
        return host.equals(other.host) && port == other.port && database.equals(other.database);
    }
}
