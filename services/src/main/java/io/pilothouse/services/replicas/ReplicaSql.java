package io.pilothouse.services.replicas;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** How a replica operation reaches PostgreSQL from this machine, and finds the replication password. */
public interface ReplicaSql {

    /** A connection to {@code host:port} with the workspace's login (the monitoring role is enough). */
    Connection monitor(String host, int port) throws SQLException;

    /** A connection to {@code database} on {@code host:port} as {@code user}, its password from pgpass or keyring. */
    Connection as(String user, String database, String host, int port) throws SQLException;

    /** The password of {@code user} at {@code host:port} from pgpass or the keyring; never prompted, never logged. */
    Optional<char[]> password(String host, int port, String user);
}
