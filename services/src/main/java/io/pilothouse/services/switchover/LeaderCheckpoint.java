package io.pilothouse.services.switchover;

import io.pilothouse.services.policy.AuditTrail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@code CHECKPOINT} on the leader just before Patroni demotes it: the demotion's shutdown checkpoint then has
 * little dirty data left to write, and the leader stops accepting writes for less time. Best effort: a role without
 * {@code pg_checkpoint} (PostgreSQL 15) or superuser is told so and the switchover goes on.
 */
final class LeaderCheckpoint {

    private LeaderCheckpoint() {
    }

    /** Runs it; returns what happened, in words (also in the audit trail). */
    static String run(WriteProbe.PrimaryConnector leader, AuditTrail trail) {
        if (leader == null) {
            trail.result("checkpoint", "skipped: no SQL access to the leader");
            return "CHECKPOINT skipped: no SQL access to the leader";
        }
        long start = System.nanoTime();
        try (Connection c = leader.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(30);
            s.execute("CHECKPOINT");
            long ms = (System.nanoTime() - start) / 1_000_000L;
            trail.result("checkpoint", "done in " + ms + " ms");
            return "CHECKPOINT on the leader done in " + ms + " ms";
        } catch (SQLException e) {
            String why = "42501".equals(e.getSQLState()) ? "permission denied (grant pg_checkpoint to the workspace's "
                    + "role, or connect as a superuser)" : e.getMessage();
            trail.result("checkpoint", "failed: " + why);
            return "CHECKPOINT on the leader failed, going on without it: " + why;
        }
    }
}
