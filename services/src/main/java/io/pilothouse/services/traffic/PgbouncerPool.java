package io.pilothouse.services.traffic;

/**
 * One pool of PgBouncer's {@code SHOW POOLS} (per database and user).
 *
 * @param database       the database
 * @param user           the user
 * @param clientsActive  {@code cl_active}
 * @param clientsWaiting {@code cl_waiting}: clients waiting for a server connection
 * @param serversActive  {@code sv_active}
 * @param serversIdle    {@code sv_idle}
 * @param serversUsed    {@code sv_used}
 * @param maxWaitMicros  the oldest waiting client's wait, {@code maxwait} s + {@code maxwait_us}
 * @param poolMode       {@code pool_mode}
 */
public record PgbouncerPool(String database, String user, int clientsActive, int clientsWaiting, int serversActive,
                            int serversIdle, int serversUsed, long maxWaitMicros, String poolMode) {

    /** Server connections open in this pool. */
    public int servers() {
        return serversActive + serversIdle + serversUsed;
    }
}
