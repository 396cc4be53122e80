package io.pilothouse.services.etcd;

import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.patroni.DcsMember;

import java.util.List;

/**
 * Everything Patroni keeps in the DCS for one cluster, parsed.
 *
 * @param cluster              scope (or {@code scope/group})
 * @param leader               leader key value, or null when the key is absent (expired or released)
 * @param leaderLease          etcd lease id of the leader key, 0 if none
 * @param members              member keys, parsed
 * @param ttl                  {@code config.ttl} in seconds, or null
 * @param loopWait             {@code config.loop_wait}, or null
 * @param maximumLagOnFailover {@code config.maximum_lag_on_failover}, or null
 * @param paused               {@code config.pause}
 * @param scheduledSwitchover  from the {@code failover} key when it carries {@code scheduled_at}
 * @param optime               leader's last WAL position from {@code status} (or the older {@code optime/leader}), or null
 * @param syncStandbys         members named in the {@code sync} key
 * @param problems             keys that could not be parsed, in words
 * @param sync                 the synchronous replication settings of {@code config} and the rest of the {@code sync} key
 * @param parameters           {@code config.postgresql.parameters} as text (empty when none)
 */
public record DcsView(String cluster, String leader, long leaderLease, List<DcsMember> members, Long ttl,
                      Long loopWait, Long maximumLagOnFailover, boolean paused,
                      ScheduledSwitchover scheduledSwitchover, Long optime, List<String> syncStandbys,
                      List<String> problems, Sync sync, java.util.Map<String, String> parameters) {

    public DcsView {
        parameters = parameters == null ? java.util.Map.of() : java.util.Map.copyOf(parameters);
        members = members == null ? List.of() : List.copyOf(members);
        syncStandbys = syncStandbys == null ? List.of() : List.copyOf(syncStandbys);
        problems = problems == null ? List.of() : List.copyOf(problems);
        sync = sync == null ? Sync.NONE : sync;
    }

    /** A view without synchronous replication settings (tests of other keys). */
    public DcsView(String cluster, String leader, long leaderLease, List<DcsMember> members, Long ttl, Long loopWait,
                   Long maximumLagOnFailover, boolean paused, ScheduledSwitchover scheduledSwitchover, Long optime,
                   List<String> syncStandbys, List<String> problems) {
        this(cluster, leader, leaderLease, members, ttl, loopWait, maximumLagOnFailover, paused, scheduledSwitchover,
                optime, syncStandbys, problems, Sync.NONE, java.util.Map.of());
    }

    /**
     * Synchronous replication as the DCS holds it.
     *
     * @param mode       {@code config.synchronous_mode}
     * @param strict     {@code config.synchronous_mode_strict}
     * @param nodeCount  {@code config.synchronous_node_count}, or null
     * @param syncLeader the {@code sync} key's {@code leader}, or null
     * @param quorum     the {@code sync} key's {@code quorum} (Patroni 4 quorum mode), or null
     */
    public record Sync(SyncMode mode, boolean strict, Integer nodeCount, String syncLeader, Integer quorum) {
        /** Nothing configured. */
        public static final Sync NONE = new Sync(SyncMode.ASYNC, false, null, null, null);

        public Sync {
            mode = mode == null ? SyncMode.ASYNC : mode;
        }
    }

    /** True when nothing of the cluster is left (every key deleted). */
    public boolean isEmpty() {
        return leader == null && members.isEmpty() && ttl == null;
    }
}
