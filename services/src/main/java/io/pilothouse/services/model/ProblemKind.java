package io.pilothouse.services.model;

import java.util.Locale;

/** What the DCS and a node disagree about. */
public enum ProblemKind {
    /** The member holding the leader key is in recovery: nobody takes writes (a standby leader excepted). */
    LEADER_IN_RECOVERY(true),
    /** A member without the leader key is not in recovery: two primaries may take writes (split brain risk). */
    SPLIT_BRAIN_RISK(true),
    /** The {@code sync} key names standbys the primary's {@code synchronous_standby_names} does not (or the reverse). */
    SYNC_KEY_VS_STANDBY_NAMES(false),
    /** The {@code sync} key names a standby that {@code pg_stat_replication} does not show as sync or quorum. */
    SYNC_KEY_VS_SYNC_STATE(false),
    /** A member key whose node does not answer (its Patroni REST API, or its PostgreSQL while said to run). */
    MEMBER_NOT_ANSWERING(false),
    /** A node that answers but has no member key: its Patroni is not running or cannot reach the DCS. */
    NO_MEMBER_KEY(false),
    /** A setting in effect differs from the dynamic configuration and no restart is pending to apply it. */
    SETTING_DIFFERS(false);

    private final boolean critical;
    private final String key = name().toLowerCase(Locale.ROOT).replace('_', '-');

    ProblemKind(boolean critical) {
        this.critical = critical;
    }

    /** True when writes may be lost or refused because of it. */
    public boolean critical() {
        return critical;
    }

    /** Lower-case, dash-separated, for JSON ({@code split-brain-risk}). */
    public String key() {
        return key;
    }
}
