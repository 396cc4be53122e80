package io.pilothouse.services.policy;

import java.util.Locale;

/** How a mutation ended, as written to the audit log. */
public enum AuditOutcome {
    /** The action ran and returned normally. */
    OK,
    /** The gate did not run it (read-only workspace, audit log unavailable). */
    REFUSED,
    /** The action ran and threw. */
    FAILED;

    /** The lower-case name used in the audit log ({@code ok}, {@code refused}, {@code failed}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #wireName()}. */
    public static AuditOutcome fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
