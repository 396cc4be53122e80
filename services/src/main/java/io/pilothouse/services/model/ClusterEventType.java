package io.pilothouse.services.model;

/** Kinds of change the live model reports. */
public enum ClusterEventType {
    /** A cluster was discovered (first snapshot). */
    CLUSTER_DISCOVERED,
    /** A cluster vanished from the DCS. */
    CLUSTER_REMOVED,
    /** The leader key moved from one member to another. */
    LEADER_CHANGED,
    /** The leader key disappeared: no leader right now. */
    LEADER_LOST,
    /** A leader appeared where there was none. */
    LEADER_ELECTED,
    /** A member registered. */
    MEMBER_JOINED,
    /** A member's registration vanished. */
    MEMBER_LEFT,
    /** A member's role changed. */
    ROLE_CHANGED,
    /** A member's state changed. */
    STATE_CHANGED,
    /** The cluster's timeline changed. */
    TIMELINE_CHANGED,
    /** A member's data went stale or unreachable. */
    MEMBER_STALE,
    /** A stale member answers again. */
    MEMBER_FRESH,
    /** A source (etcd, REST, SQL) stopped answering. */
    SOURCE_LOST,
    /** A lost source answers again. */
    SOURCE_REGAINED,
    /** Maintenance mode switched on or off. */
    PAUSE_CHANGED,
    /** A switchover was scheduled or a scheduled one went away. */
    SCHEDULED_SWITCHOVER_CHANGED
}
