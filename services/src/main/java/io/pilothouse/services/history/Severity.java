package io.pilothouse.services.history;

/** How urgently a notification asks for attention. */
public enum Severity {
    /** Worth knowing (a planned switchover). */
    INFO,
    /** Needs a look (a member lost). */
    WARNING,
    /** Something broke (a failover). */
    CRITICAL
}
