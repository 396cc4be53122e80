package io.pilothouse.services.shards.map;

/** Whether a shard node could be read when the map was. */
public enum NodeReach {
    /** Read: its shards' sizes, row estimates and write counters are current. */
    READ,
    /** Connecting or reading failed: its shards are drawn from the coordinator's catalog, without sizes. */
    UNREACHABLE,
    /** No workspace source knows how to connect to it: its shards are drawn without sizes. */
    NOT_IN_WORKSPACE
}
