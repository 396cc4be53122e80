package io.pilothouse.services.postgres;

/**
 * One session waiting for a lock, and who holds it, read from {@code pg_locks} and {@code pg_stat_activity}.
 *
 * @param waiterPid      the waiting backend
 * @param waiterName     its {@code application_name} (a subscription's walsender carries the subscription's name)
 * @param lockType       what it waits for ({@code transactionid}, {@code relation}…)
 * @param mode           the mode it asked for
 * @param relation       the table, when the lock is on one, else null
 * @param waitedSecs     how long it has been in this state
 * @param holderPid      the holding backend, or null when a prepared transaction holds the lock
 * @param gid            the holding prepared transaction's gid, or null
 * @param holderAgeSecs  how old the holder's transaction is (prepared, or {@code xact_start}), or null
 * @param holderUser     the holder's role, or null
 * @param holderState    the holder session's state ({@code idle in transaction}…), or null
 */
public record LockWait(int waiterPid, String waiterName, String lockType, String mode, String relation,
                       double waitedSecs, Integer holderPid, String gid, Double holderAgeSecs, String holderUser,
                       String holderState) {

    /** True when a prepared (2PC) transaction holds the lock: no session can be cancelled, it must be resolved. */
    public boolean heldByPreparedTransaction() {
        return gid != null;
    }

    /** {@code waiting for prepared transaction tx_0021_demo, 114 s old}. */
    public String describe() {
        String age = holderAgeSecs == null ? "" : ", " + Math.round(holderAgeSecs) + " s old";
        if (gid != null) {
            return "waiting for prepared transaction " + gid + age;
        }
        if (holderPid != null) {
            return "waiting for session " + holderPid + (holderUser == null ? "" : " (" + holderUser
                    + (holderState == null ? "" : ", " + holderState) + ")") + (holderAgeSecs == null ? ""
                    : ", its transaction " + Math.round(holderAgeSecs) + " s old")
                    + (relation == null ? "" : ", on " + relation);
        }
        return "waiting for a " + mode + " on " + (relation == null ? lockType : relation);
    }

    /** What the operator can do about it, besides cancelling the step. */
    public String wayOut() {
        if (gid != null) {
            return "resolve prepared transaction " + gid + " (In-doubt window, or pilothouse indoubt resolve), or "
                    + "cancel the step";
        }
        if (holderPid != null) {
            return "end session " + holderPid + " (pg_terminate_backend(" + holderPid + ")) or let it finish, or "
                    + "cancel the step";
        }
        return "cancel the step";
    }
}
