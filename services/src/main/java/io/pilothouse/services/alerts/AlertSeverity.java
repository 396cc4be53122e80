package io.pilothouse.services.alerts;

import java.util.Locale;

/** How urgently an alert asks for attention. Declared from least to most urgent. */
public enum AlertSeverity {
    /** Needs a look soon: the cluster works but is drifting toward trouble (lag, a hoarding slot, many connections). */
    WARNING,
    /** Needs action now: availability or durability is at stake (no leader, a replica not streaming). */
    CRITICAL;

    /** Lower-case name for JSON and screen readers. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
