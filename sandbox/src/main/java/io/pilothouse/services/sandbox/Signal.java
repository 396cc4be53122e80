package io.pilothouse.services.sandbox;

/** The POSIX signals the sandbox sends. */
enum Signal {
    /** Polite stop; Patroni stops its PostgreSQL first. */
    TERM,
    /** PostgreSQL's "fast shutdown", for a postmaster whose Patroni is gone. */
    INT,
    /** Immediate death, as in a crash. */
    KILL,
    /** Freeze, as in a paused VM or a long GC. */
    STOP,
    /** Thaw after {@link #STOP}. */
    CONT
}
