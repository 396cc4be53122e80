package io.pilothouse.services.model;

import java.util.Locale;

/** Patroni's {@code synchronous_mode}: how a commit on the leader waits for standbys. */
public enum SyncMode {
    /** {@code synchronous_mode: false}: commits never wait for a standby. */
    ASYNC,
    /** {@code synchronous_mode: true}: commits wait for {@code synchronous_node_count} named sync standbys. */
    SYNC,
    /** {@code synchronous_mode: quorum} (Patroni 4.0+): commits wait for any k of the listed voters. */
    QUORUM,
    /** Not known: the DCS has not been read and nothing else (roles, the leader's setting) shows the mode. */
    UNKNOWN;

    /**
     * Reads the value as Patroni does: {@code quorum} (any case) is quorum commit, a truthy value ({@code true},
     * {@code on}, {@code yes}, {@code 1}) is multi-sync, anything else (absent, {@code false}, {@code off}) is async.
     */
    public static SyncMode fromPatroni(Object value) {
        if (value == null) {
            return ASYNC;
        }
        if (value instanceof Boolean b) {
            return b ? SYNC : ASYNC;
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("quorum")) {
            return QUORUM;
        }
        return s.equals("true") || s.equals("on") || s.equals("yes") || s.equals("1") ? SYNC : ASYNC;
    }

    /** True when commits are known to wait for standbys. */
    public boolean synchronous() {
        return this == SYNC || this == QUORUM;
    }

    /** The value as written in Patroni's configuration: {@code false}, {@code true} or {@code quorum}. */
    public String patroniValue() {
        return switch (this) {
            case ASYNC -> "false";
            case SYNC -> "true";
            case QUORUM -> "quorum";
            case UNKNOWN -> "unknown";
        };
    }
}
