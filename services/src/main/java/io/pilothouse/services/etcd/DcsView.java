package io.pilothouse.services.etcd;

import io.pilothouse.services.model.ScheduledSwitchover;
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
 * @param synchronousMode      {@code config.synchronous_mode} as written ({@code true}, {@code quorum}, …), or null
 * @param parameters           {@code config.postgresql.parameters} as text (empty when none)
 */
public record DcsView(String cluster, String leader, long leaderLease, List<DcsMember> members, Long ttl,
                      Long loopWait, Long maximumLagOnFailover, boolean paused,
                      ScheduledSwitchover scheduledSwitchover, Long optime, List<String> syncStandbys,
                      List<String> problems, String synchronousMode, java.util.Map<String, String> parameters) {

    /** A view without the synchronous mode and parameters of the dynamic configuration (tests, older callers). */
    public DcsView(String cluster, String leader, long leaderLease, List<DcsMember> members, Long ttl, Long loopWait,
                   Long maximumLagOnFailover, boolean paused, ScheduledSwitchover scheduledSwitchover, Long optime,
                   List<String> syncStandbys, List<String> problems) {
        this(cluster, leader, leaderLease, members, ttl, loopWait, maximumLagOnFailover, paused, scheduledSwitchover,
                optime, syncStandbys, problems, null, java.util.Map.of());
    }

    public DcsView {
        parameters = parameters == null ? java.util.Map.of() : java.util.Map.copyOf(parameters);
        members = members == null ? List.of() : List.copyOf(members);
        syncStandbys = syncStandbys == null ? List.of() : List.copyOf(syncStandbys);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** True when nothing of the cluster is left (every key deleted). */
    public boolean isEmpty() {
        return leader == null && members.isEmpty() && ttl == null;
    }
}
