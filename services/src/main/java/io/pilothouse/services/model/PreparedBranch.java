package io.pilothouse.services.model;

import java.time.Instant;
import java.util.List;

/**
 * One prepared transaction ({@code pg_prepared_xacts} row) on one node, with what it holds.
 *
 * @param node            where it is
 * @param gid             its global identifier, exactly as stored (may contain any character but NUL)
 * @param database        the database it was prepared in (it must be resolved while connected there)
 * @param owner           the role that prepared it
 * @param prepared        when it was prepared
 * @param xid             its transaction id ({@code transaction}), as a number
 * @param xidAge          {@code age(transaction)}: how far it holds back freezing
 * @param freezeMaxAge    the node's {@code autovacuum_freeze_max_age}
 * @param locks           the locks it holds ({@code pg_locks} rows with a NULL pid)
 * @param blocked         sessions waiting on those locks
 * @param oldestXmin      true when it is the oldest xmin on the node, i.e. the one holding VACUUM back
 */
public record PreparedBranch(NodeRef node, String gid, String database, String owner, Instant prepared, long xid,
                             long xidAge, long freezeMaxAge, List<HeldLock> locks, List<BlockedSession> blocked,
                             boolean oldestXmin) {

    public PreparedBranch {
        locks = locks == null ? List.of() : List.copyOf(locks);
        blocked = blocked == null ? List.of() : List.copyOf(blocked);
    }

    /** Seconds since it was prepared, at {@code now}. */
    public long ageSeconds(Instant now) {
        return Math.max(0, now.getEpochSecond() - prepared.getEpochSecond());
    }

    /** A lock held by a prepared transaction. */
    public record HeldLock(String lockType, String mode, String relation) {
    }

    /** A session waiting for a lock this branch holds. */
    public record BlockedSession(int pid, String user, String database, String application, double waitingSeconds,
                                 String query) {
    }
}
