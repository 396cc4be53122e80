package io.pilothouse.services.indoubt;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** PostgreSQL's heavyweight lock conflict table (lock.c / the "Conflicting Lock Modes" table of the manual). */
final class LockConflicts {

    private static final List<String> ALL = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private static final Map<String, Set<String>> CONFLICTS = Map.of(
            "AccessShareLock", Set.of("AccessExclusiveLock"),
            "RowShareLock", Set.of("ExclusiveLock", "AccessExclusiveLock"),
            "RowExclusiveLock", Set.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"),
            "ShareUpdateExclusiveLock", Set.of("ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
                    "ExclusiveLock", "AccessExclusiveLock"),
            "ShareLock", Set.of("RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareRowExclusiveLock",
                    "ExclusiveLock", "AccessExclusiveLock"),
            "ShareRowExclusiveLock", Set.of("RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
                    "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"),
            "ExclusiveLock", Set.of("RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
                    "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"),
            "AccessExclusiveLock", Set.copyOf(ALL));

    private LockConflicts() {
    }

    /** True when a lock requested in {@code wanted} must wait for one held in {@code held} on the same object. */
    static boolean conflict(String wanted, String held) {
        Set<String> c = CONFLICTS.get(wanted);
        // An unknown mode (SIReadLock, a future one): do not claim a conflict we cannot justify.
        return c != null && c.contains(held);
    }
}
