package io.pilothouse.services.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The decisions {@code up} makes before starting anything: directory, ports, member names.
 *
 * @param spec    what was asked for
 * @param layout  where the files go
 * @param etcdClientPort etcd client port
 * @param etcdPeerPort   etcd peer port (a single-member etcd still listens on one)
 * @param members one entry per Patroni member
 * @param haproxy HAProxy ports, or {@code null} without HAProxy
 * @param shards  the standalone shard servers, not started yet
 */
record SandboxPlan(SandboxSpec spec, SandboxLayout layout, int etcdClientPort, int etcdPeerPort,
                   List<MemberPlan> members, HaproxyPlan haproxy, List<SandboxInfo.Shard> shards) {

    static final String HOST = "127.0.0.1";

    /** A member's name and ports. */
    record MemberPlan(String name, int restPort, int pgPort) {

        String restUrl() {
            return "http://" + HOST + ":" + restPort;
        }
    }

    /** HAProxy's three ports. */
    record HaproxyPlan(int writePort, int readPort, int statsPort) {}

    /**
     * Assigns {@code ports} in a fixed order: etcd client, etcd peer, each member's REST and PostgreSQL, HAProxy,
     * the shards.
     */
    static SandboxPlan of(SandboxSpec spec, SandboxLayout layout, List<Integer> ports) {
        if (ports.size() != portsNeeded(spec)) {
            throw new IllegalArgumentException("need " + portsNeeded(spec) + " ports, got " + ports.size());
        }
        List<MemberPlan> members = new ArrayList<>();
        int next = 2;
        for (int i = 0; i < spec.members(); i++, next += 2) {
            members.add(new MemberPlan(spec.memberName(i), ports.get(next), ports.get(next + 1)));
        }
        HaproxyPlan haproxy = spec.haproxy()
                ? new HaproxyPlan(ports.get(next), ports.get(next + 1), ports.get(next + 2))
                : null;
        next += spec.haproxy() ? 3 : 0;
        List<SandboxInfo.Shard> shards = ShardStartup.plan(spec, layout, ports.subList(next, next + spec.shards()));
        return new SandboxPlan(spec, layout, ports.get(0), ports.get(1), List.copyOf(members), haproxy, shards);
    }

    static int portsNeeded(SandboxSpec spec) {
        return 2 + 2 * spec.members() + (spec.haproxy() ? 3 : 0) + spec.shards();
    }

    String etcdUrl() {
        return "http://" + HOST + ":" + etcdClientPort;
    }

    String etcdPeerUrl() {
        return "http://" + HOST + ":" + etcdPeerPort;
    }
}
