package io.pilothouse.services.switchover;

import java.util.Locale;

/** The result of one pre-check or one verification item. Ordered from best to worst. */
public enum Verdict {
    /** Nothing stands in the way. */
    PASS,
    /** Allowed, but the operator should know (data at risk in a failover, transactions cut off…). */
    WARN,
    /** Patroni would refuse, or the outcome would be harmful: the candidate cannot be chosen. */
    FAIL;

    /** {@code pass}, {@code warn}, {@code fail}: the word used in JSON, the audit log and the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
