package io.pilothouse.services.trafficops;

import java.time.Instant;

/**
 * A PAUSE that must be followed by a RESUME, written before the PAUSE is sent and removed once RESUME is read back.
 * One left behind (the app was killed mid-switchover) is resumed at the next start.
 *
 * @param id        file name stem
 * @param host      PgBouncer's host
 * @param port      PgBouncer's port
 * @param adminUser the admin user it was paused as
 * @param database  the paused database
 * @param cluster   {@code source/scope} of the switchover
 * @param pausedAt  when the PAUSE was sent
 * @param resumeBy  when the watchdog resumes it at the latest
 */
public record HoldRecord(String id, String host, int port, String adminUser, String database, String cluster,
                         Instant pausedAt, Instant resumeBy) {

    /** The PgBouncer it concerns. */
    public PgBouncerAddress address() {
        return new PgBouncerAddress(host, port, adminUser);
    }
}
