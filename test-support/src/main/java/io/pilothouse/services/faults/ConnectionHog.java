package io.pilothouse.services.faults;

import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens connections to one member as an ordinary (non-superuser) role until PostgreSQL refuses the next one for lack
 * of slots ({@code SQLSTATE 53300}: {@code max_connections} reached, or only {@code superuser_reserved_connections}
 * left), and holds them until {@link #close()}. What an application leaking connections does to a primary.
 */
public final class ConnectionHog implements AutoCloseable {

    /** {@code too_many_connections}. */
    public static final String TOO_MANY_CONNECTIONS = "53300";
    private static final int CEILING = 2_000;

    private final SandboxInfo sandbox;
    private final String member;
    private final String user;
    private final String database;
    private final List<Connection> held = new ArrayList<>();
    private String refusal;

    public ConnectionHog(SandboxInfo sandbox, String member, String user, String database) {
        this.sandbox = sandbox;
        this.member = member;
        this.user = user;
        this.database = database;
    }

    /**
     * Opens connections until the server refuses one with {@code 53300}; returns how many are held now.
     *
     * @throws SQLException if a connection fails for another reason
     */
    public synchronized int fill() throws SQLException {
        while (held.size() < CEILING) {
            try {
                held.add(SandboxConnections.connect(sandbox, member, user, database));
            } catch (SQLException e) {
                if (TOO_MANY_CONNECTIONS.equals(e.getSQLState())) {
                    refusal = e.getMessage();
                    return held.size();
                }
                throw e;
            }
        }
        throw new IllegalStateException("PostgreSQL on " + member + " still accepts connections after " + CEILING);
    }

    /** The server's words when it refused the last connection, or null before {@link #fill()} was refused. */
    public synchronized String refusal() {
        return refusal;
    }

    /** How many connections are held. */
    public synchronized int held() {
        return held.size();
    }

    /** Closes every held connection. */
    @Override
    public synchronized void close() {
        for (Connection c : held) {
            try {
                c.close();
            } catch (SQLException e) {
                // the server may have gone; nothing left to free
            }
        }
        held.clear();
    }
}
