package io.pilothouse.services.sandbox.workload;

import java.util.regex.Pattern;

/**
 * Global transaction ids and branch gids of the sandbox's two-phase-commit workload, and the one place a gid
 * becomes an SQL string literal ({@code PREPARE TRANSACTION}, {@code COMMIT PREPARED} and {@code ROLLBACK PREPARED}
 * take no bind parameter). Only letters, digits, {@code _} and {@code -} are accepted, so a literal needs no escaping
 * and no gid this workload writes can ever break out of its quotes.
 */
public final class GlobalIds {

    /** PostgreSQL's GIDSIZE is 200 bytes including the terminating NUL. */
    public static final int MAX_GID_LENGTH = 199;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+");

    private GlobalIds() {
    }

    /** {@code tx_0007}: the numbered global id the workload uses by default. */
    public static String numbered(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("global transaction numbers start at 1: " + n);
        }
        return String.format("tx_%04d", n);
    }

    /** {@code <global>_<participant>}, the branch's gid on that participant, as the guides' coordinators name it. */
    public static String branchGid(String globalId, String participant) {
        return requireSafe(globalId + "_" + requireSafe(participant));
    }

    /** The gid as an SQL string literal, {@code 'tx_0007_shard1'}. */
    public static String literal(String gid) {
        return "'" + requireSafe(gid) + "'";
    }

    /**
     * Returns {@code id} if it is 1 to {@value #MAX_GID_LENGTH} letters, digits, {@code _} or {@code -}.
     *
     * @throws IllegalArgumentException otherwise, naming the offending id
     */
    public static String requireSafe(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_GID_LENGTH || !SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException("not a safe transaction id (1 to " + MAX_GID_LENGTH
                    + " letters, digits, '_' or '-'): " + (id == null ? "null" : "'" + id + "'"));
        }
        return id;
    }
}
