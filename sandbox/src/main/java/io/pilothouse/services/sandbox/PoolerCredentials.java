package io.pilothouse.services.sandbox;

import java.security.SecureRandom;

/**
 * The admin users of the sandbox's PgBouncer and Pgpool-II and their per-sandbox random passwords, which go to the
 * sandbox pgpass only. {@link #toString()} never shows a password.
 */
record PoolerCredentials(String pgbouncerAdminPassword, String pcpPassword) {

    /** Listed in PgBouncer's {@code admin_users}; a PgBouncer-only user, not a PostgreSQL role. */
    static final String PGBOUNCER_ADMIN = "pgbouncer_admin";
    /** The {@code pcp.conf} user of Pgpool-II's PCP port. */
    static final String PCP_ADMIN = "pcp_admin";
    /** PgBouncer's admin console is this virtual database. */
    static final String PGBOUNCER_CONSOLE = "pgbouncer";

    static PoolerCredentials generate(SecureRandom random) {
        return new PoolerCredentials(Credentials.password(random), Credentials.password(random));
    }

    @Override
    public String toString() {
        return "PoolerCredentials[" + PGBOUNCER_ADMIN + ", " + PCP_ADMIN + "; passwords hidden]";
    }
}
