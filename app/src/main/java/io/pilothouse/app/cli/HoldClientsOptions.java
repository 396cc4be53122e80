package io.pilothouse.app.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchover --hold-clients}: hold clients at PgBouncer across the leader change; and the CHECKPOINT. */
final class HoldClientsOptions {

    @Option(names = "--hold-clients", description = "Hold clients at PgBouncer: PAUSE the database, switch over, wait "
            + "until PgBouncer's target reaches the new leader, RECONNECT, RESUME (always, also on failure; a "
            + "watchdog resumes after 60 s; a pause left by a killed app is resumed at the next start). With "
            + "HAProxy's admin socket in the workspace, its write backend is pointed at the new leader as soon as "
            + "it accepts writes (health up/down, no maintenance left behind).")
    boolean hold;

    @Mixin
    PgBouncerOptions bouncer;

    @Option(names = "--pgbouncer-database", paramLabel = "DB", description = "The PgBouncer database to hold.")
    String database;

    @Option(names = "--checkpoint-first", description = "CHECKPOINT on the leader before Patroni demotes it (needs "
            + "pg_checkpoint or superuser for the workspace's role).")
    boolean checkpointFirst;
}
