package io.pilothouse.services.trafficops;

/** The PgBouncer admin commands Pilothouse sends for one database. */
public enum PgBouncerCommand {
    /** Waits until the database's server connections are released and closes them; new client queries wait. */
    PAUSE("PAUSE", "pgbouncer-pause", "clients' queries wait (they do not fail) until RESUME"),
    /** Lets waiting and new client queries through again. */
    RESUME("RESUME", "pgbouncer-resume", "waiting clients go on"),
    /** Closes the database's server connections once released, so new ones reach where its host points now. */
    RECONNECT("RECONNECT", "pgbouncer-reconnect",
            "open server connections are closed after their transaction; clients keep their sessions");

    private final String word;
    private final String action;
    private final String effect;

    PgBouncerCommand(String word, String action, String effect) {
        this.word = word;
        this.action = action;
        this.effect = effect;
    }

    /** The console's word. */
    public String word() {
        return word;
    }

    /** The audit log's action name. */
    public String action() {
        return action;
    }

    /** What it does to clients, in words. */
    public String effect() {
        return effect;
    }

    /** Parses {@code pause|resume|reconnect}. */
    public static PgBouncerCommand parse(String s) {
        for (PgBouncerCommand c : values()) {
            if (c.word.equalsIgnoreCase(s == null ? "" : s.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("a PgBouncer command is pause, resume or reconnect, not '" + s + "'");
    }
}
