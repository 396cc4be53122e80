package io.pilothouse.services.activity;

/**
 * One advisory lock entry of {@code pg_locks}: held ({@code granted}) or waited for.
 *
 * @param pid            the backend, or null when a prepared transaction holds it
 * @param database       the database the lock is in
 * @param key            the key as the application gave it ({@link #key(long, long, int)})
 * @param mode           {@code ExclusiveLock} or {@code ShareLock}
 * @param granted        true for a holder, false for a waiter
 * @param waitingSeconds how long a waiter has waited, or null for a holder
 */
public record AdvisoryLock(Integer pid, String database, String key, String mode, boolean granted,
                           Double waitingSeconds) {

    /**
     * The key as written in the application's call: {@code pg_advisory_lock(bigint)} is stored as the high and low
     * halves in {@code classid}/{@code objid} with {@code objsubid = 1}; {@code pg_advisory_lock(int, int)} as the two
     * keys with {@code objsubid = 2} (unsigned oids, read back as the signed ints they were).
     */
    public static String key(long classid, long objid, int objsubid) {
        if (objsubid == 2) {
            return (int) classid + "," + (int) objid;
        }
        return Long.toString((classid << 32) | (objid & 0xFFFFFFFFL));
    }

    /** True for an exclusive lock (the usual {@code pg_advisory_lock}); false for a shared one. */
    public boolean exclusive() {
        return "ExclusiveLock".equals(mode);
    }
}
