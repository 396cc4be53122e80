package io.pilothouse.services.switchover;

import java.util.Locale;

/** A planned change of leader with a healthy leader (switchover), or promotion of a replica without one (failover). */
public enum OperationKind {
    SWITCHOVER,
    FAILOVER;

    /** {@code switchover} or {@code failover}: the audit action and the Patroni endpoint. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
