package io.pilothouse.services.trafficops;

/**
 * One database of PgBouncer ({@code SHOW DATABASES}) with its pools summed ({@code SHOW POOLS}).
 *
 * @param name             the database clients connect to
 * @param host             where it sends server connections (empty for a UNIX socket)
 * @param port             its port
 * @param database         the server's database name
 * @param paused           PAUSE in force
 * @param activeClients    {@code cl_active}
 * @param waitingClients   {@code cl_waiting}
 * @param serverConnections {@code sv_active + sv_idle + sv_used + sv_tested + sv_login}
 * @param maxWaitMicros    the longest a waiting client has waited now ({@code maxwait}, {@code maxwait_us})
 */
public record PgBouncerDatabase(String name, String host, int port, String database, boolean paused,
                                long activeClients, long waitingClients, long serverConnections,
                                long maxWaitMicros) {

    /** {@code appdb -> 127.0.0.1:5000/postgres (paused, 3 active, 2 waiting clients, 1 server connection)}. */
    public String describe() {
        return name + " -> " + (host.isEmpty() ? "(socket)" : host) + ":" + port + "/" + database + " ("
                + (paused ? "PAUSED, " : "") + activeClients + " active, " + waitingClients + " waiting clients, "
                + serverConnections + " server connection" + (serverConnections == 1 ? "" : "s")
                + (maxWaitMicros > 0 ? ", longest wait " + maxWaitMicros / 1000 + " ms" : "") + ")";
    }
}
