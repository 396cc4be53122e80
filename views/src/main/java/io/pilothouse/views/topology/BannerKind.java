package io.pilothouse.views.topology;

/** Cluster-wide conditions shown as a banner above the topology. */
public enum BannerKind {
    /** No member holds the leader key: writes are refused. */
    NO_LEADER,
    /** The topology is not live: etcd and REST both lost or never answered. */
    STALE_DATA,
    /** etcd does not answer: the topology comes from each member's Patroni REST and PostgreSQL. */
    DCS_UNREACHABLE,
    /** A member the cluster had is lost: no source names it and it does not answer. */
    MEMBER_LOST,
    /** The leader key's lease is close to running out. */
    LEASE_EXPIRING,
    /** Maintenance mode: Patroni will not fail over automatically. */
    PAUSED,
    /** A switchover is scheduled for later. */
    SCHEDULED_SWITCHOVER,
    /** The cluster's shape is wrong: a standby not streaming, two primaries (the problems are in the message). */
    REPLICATION_PROBLEM,
    /** Strict synchronous mode with no standby to confirm: every commit on the leader waits. */
    WRITES_BLOCKED,
    /** The DCS and the nodes disagree (leader key vs recovery, sync key, member keys, settings). */
    DCS_NODE_DISAGREEMENT
}
