package io.pilothouse.services.activity;

import java.time.Instant;
import java.util.List;

/**
 * One backend of a node as {@code pg_stat_activity} shows it, with the pids blocking it.
 *
 * @param pid                backend process id
 * @param backendStart       when the backend started (with the pid, identifies it: pids are reused)
 * @param user               role, or null for background processes
 * @param database           database, or null
 * @param application        {@code application_name}
 * @param client             client address, or null for a local socket or a background process
 * @param backendType        {@code client backend}, {@code walsender}, {@code autovacuum worker}…
 * @param state              what it does
 * @param waitEventType      {@code Lock}, {@code LWLock}, {@code IO}, {@code Client}… or null when not waiting
 * @param waitEvent          the event, e.g. {@code transactionid}, {@code advisory}, {@code ClientRead}
 * @param transactionSeconds age of its open transaction, or null when none is open
 * @param stateSeconds       time in its current state
 * @param querySeconds       age of its current (or last) statement, or null
 * @param query              the current (or last) statement's text, shortened
 * @param blockedBy          pids holding a lock it waits for ({@code pg_blocking_pids}); 0 stands for a prepared
 *                           transaction
 */
public record ActivitySession(int pid, Instant backendStart, String user, String database, String application,
                              String client, String backendType, SessionState state, String waitEventType,
                              String waitEvent, Double transactionSeconds, double stateSeconds, Double querySeconds,
                              String query, List<Integer> blockedBy) {

    public ActivitySession {
        blockedBy = List.copyOf(blockedBy);
        query = query == null ? "" : query;
        application = application == null ? "" : application;
    }

    /** True for a backend serving a client connection (what counts against {@code max_connections}). */
    public boolean clientBackend() {
        return "client backend".equals(backendType);
    }

    /** True when it waits for a lock another session holds. */
    public boolean blocked() {
        return !blockedBy.isEmpty();
    }

    /** {@code Lock: transactionid}, or empty when it waits for nothing. */
    public String waitText() {
        if (waitEventType == null) {
            return "";
        }
        return waitEvent == null ? waitEventType : waitEventType + ": " + waitEvent;
    }

    /** The query on one line, at most {@code max} characters. */
    public String queryLine(int max) {
        String line = query.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 1)) + "…";
    }
}
