package io.pilothouse.services.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions {@code up} makes before starting anything: directory, ports, member names.
 *
 * @param spec    what was asked for
 * @param layout  where the files go
 * @param etcdClientPort etcd client port
 * @param etcdPeerPort   etcd peer port (a single-member etcd still listens on one)
 * @param members one entry per Patroni member
 * @param haproxy HAProxy ports, or {@code null} without HAProxy
 * @param shards  the shards (standalone servers or Patroni clusters), not started yet
 * @param shardMembers the members of each shard cluster by shard name; empty for standalone shards
 * @param poolers PgBouncer's and Pgpool-II's ports, or {@code null} without them
 */
record SandboxPlan(SandboxSpec spec, SandboxLayout layout, int etcdClientPort, int etcdPeerPort,
                   List<MemberPlan> members, HaproxyPlan haproxy, List<SandboxInfo.Shard> shards,
                   Map<String, List<MemberPlan>> shardMembers, PoolerPlan poolers) {

    static final String HOST = "127.0.0.1";

    /** A member's name and ports. */
    record MemberPlan(String name, int restPort, int pgPort, boolean tls) {

        String restUrl() {
            return (tls ? "https://" : "http://") + HOST + ":" + restPort;
        }
    }

    /** HAProxy's three ports. */
    record HaproxyPlan(int writePort, int readPort, int statsPort) {}

    /** PgBouncer's port, Pgpool-II's port and its PCP port. */
    record PoolerPlan(int pgbouncerPort, int pgpoolPort, int pcpPort) {}

    SandboxPlan {
        shardMembers = Map.copyOf(shardMembers);
    }

    /**
     * Assigns {@code ports} in a fixed order: etcd client, etcd peer, each member's REST and PostgreSQL, HAProxy,
     * the shards (one port each, or each shard member's REST and PostgreSQL ports).
     */
    static SandboxPlan of(SandboxSpec spec, SandboxLayout layout, List<Integer> ports) {
        if (ports.size() != portsNeeded(spec)) {
            throw new IllegalArgumentException("need " + portsNeeded(spec) + " ports, got " + ports.size());
        }
        List<MemberPlan> members = new ArrayList<>();
        int next = 2;
        for (int i = 0; i < spec.members(); i++, next += 2) {
            members.add(new MemberPlan(spec.memberName(i), ports.get(next), ports.get(next + 1), spec.tls()));
        }
        HaproxyPlan haproxy = spec.haproxy()
                ? new HaproxyPlan(ports.get(next), ports.get(next + 1), ports.get(next + 2))
                : null;
        next += spec.haproxy() ? 3 : 0;
        // Taken from the end, so the other components keep the ports they get without poolers.
        int last = ports.size();
        PoolerPlan poolers = spec.poolers()
                ? new PoolerPlan(ports.get(last - 3), ports.get(last - 2), ports.get(last - 1)) : null;
        if (!spec.patroniShards()) {
            List<SandboxInfo.Shard> shards = ShardStartup.plan(spec, layout, ports.subList(next, next + spec.shards()));
            return new SandboxPlan(spec, layout, ports.get(0), ports.get(1), List.copyOf(members), haproxy, shards,
                    Map.of(), poolers);
        }
        Map<String, List<MemberPlan>> shardMembers = new LinkedHashMap<>();
        for (int i = 0; i < spec.shards(); i++) {
            List<MemberPlan> shardMembersOfOne = new ArrayList<>();
            for (int j = 0; j < spec.shardMembers(); j++, next += 2) {
                shardMembersOfOne.add(new MemberPlan(spec.shardMemberName(i, j), ports.get(next), ports.get(next + 1),
                        spec.tls()));
            }
            shardMembers.put(spec.shardName(i), List.copyOf(shardMembersOfOne));
        }
        List<SandboxInfo.Shard> shards = ShardStartup.planClusters(spec, layout, shardMembers);
        return new SandboxPlan(spec, layout, ports.get(0), ports.get(1), List.copyOf(members), haproxy, shards,
                shardMembers, poolers);
    }

    static int portsNeeded(SandboxSpec spec) {
        int perShard = spec.patroniShards() ? 2 * spec.shardMembers() : 1;
        return 2 + 2 * spec.members() + (spec.haproxy() ? 3 : 0) + spec.shards() * perShard
                + (spec.poolers() ? 3 : 0);
    }

    /** Every Patroni member's plan with its scope: the cluster's members, then each shard cluster's. */
    Map<MemberPlan, String> patroniMembers() {
        Map<MemberPlan, String> scopes = new LinkedHashMap<>();
        members.forEach(m -> scopes.put(m, spec.scope()));
        shards.forEach(s -> shardMembers.getOrDefault(s.name(), List.of()).forEach(m -> scopes.put(m, s.name())));
        return scopes;
    }

    String etcdUrl() {
        return (spec.tls() ? "https://" : "http://") + HOST + ":" + etcdClientPort;
    }

    String etcdPeerUrl() {
        return "http://" + HOST + ":" + etcdPeerPort;
    }
}
