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
 */
public record DcsView(String cluster, String leader, long leaderLease, List<DcsMember> members, Long ttl,
                      Long loopWait, Long maximumLagOnFailover, boolean paused,
                      ScheduledSwitchover scheduledSwitchover, Long optime, List<String> syncStandbys,
                      List<String> problems) {

    public DcsView {
        members = members == null ? List.of() : List.copyOf(members);
        syncStandbys = syncStandbys == null ? List.of() : List.copyOf(syncStandbys);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** True when nothing of the cluster is left (every key deleted). */
    public boolean isEmpty() {
        return leader == null && members.isEmpty() && ttl == null;
    }
}
