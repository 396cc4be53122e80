package io.pilothouse.services.sandbox.estate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * One simulated Patroni cluster: its members' state and the DCS keys Patroni would write for it, in Patroni 4.0.7's
 * shape for even-numbered clusters (role {@code primary}, {@code replication_state}, quorum commit) and 3.0.2's for
 * odd ones (role {@code master}, synchronous mode on). Members have no REST API and no PostgreSQL: their URLs point at
 * loopback addresses nobody listens on, and a tag says so.
 */
final class SimulatedCluster {

    /** The tag every simulated member carries, so the app (and a person reading etcd) can tell. */
    static final String SIMULATED_TAG = "simulated";
    static final String SIMULATED_TEXT = "no REST/SQL";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY_KEPT = 10;
    private static final long WAL_SEGMENT = 16L * 1024 * 1024;

    private final String prefix;
    private final String scope;
    private final int index;
    private final boolean patroni4;
    private final List<String> names = new ArrayList<>();
    private final long[] received;
    private final boolean[] lost;
    private final Deque<String> history = new ArrayDeque<>();
    private int leader;
    private boolean leaderKeyHeld = true;
    private int timeline = 1;
    private long optime = 3 * WAL_SEGMENT;
    private long lease;

    SimulatedCluster(String namespace, String scope, int index, int members) {
        this.scope = scope;
        this.prefix = namespace + scope + "/";
        this.index = index;
        this.patroni4 = index % 2 == 0;
        for (int i = 1; i <= members; i++) {
            names.add("node" + i);
        }
        this.received = new long[members];
        this.lost = new boolean[members];
        java.util.Arrays.fill(received, optime);
    }

    String scope() {
        return scope;
    }

    String prefix() {
        return prefix;
    }

    long lease() {
        return lease;
    }

    void lease(long id) {
        lease = id;
    }

    /** The leader's name, or null while the leader key is gone. */
    String leader() {
        return leaderKeyHeld ? names.get(leader) : null;
    }

    boolean leaderless() {
        return !leaderKeyHeld;
    }

    /** Every key of the cluster, as Patroni writes them after bootstrap. */
    List<EtcdGateway.Write> bootstrap() {
        List<EtcdGateway.Write> w = new ArrayList<>();
        w.add(EtcdGateway.Write.put(prefix + "initialize", Long.toString(7300000000000000000L + index)));
        w.add(EtcdGateway.Write.put(prefix + "config", config()));
        w.add(leaderWrite());
        for (int i = 0; i < names.size(); i++) {
            w.add(memberWrite(i));
        }
        w.add(EtcdGateway.Write.put(prefix + "status", status()));
        if (names.size() > 1) {
            w.add(EtcdGateway.Write.put(prefix + "sync", sync()));
        }
        return w;
    }

    /** Replication falls behind or catches up on one replica (a lag wave), the leader's WAL moving on. */
    List<EtcdGateway.Write> lagWave(Random random) {
        optime += 1 + random.nextInt(4 * 1024 * 1024);
        List<EtcdGateway.Write> w = new ArrayList<>();
        int replica = pickReplica(random, false);
        if (replica >= 0) {
            long lag = random.nextInt(4) == 0 ? random.nextInt(64 * 1024 * 1024) : random.nextInt(64 * 1024);
            received[replica] = Math.max(0, optime - lag);
            w.add(memberWrite(replica));
        }
        received[leader] = optime;
        w.add(memberWrite(leader));
        w.add(EtcdGateway.Write.put(prefix + "status", status()));
        return w;
    }

    /** A switchover (or, when the leader key is gone, a failover) to a streaming replica: a new timeline. */
    List<EtcdGateway.Write> leaderChange(Random random) {
        int next = pickReplica(random, false);
        if (next < 0 && !leaderKeyHeld) {
            // Nobody to fail over to: the old leader comes back (a restarted single node).
            lost[leader] = false;
            leaderKeyHeld = true;
            return List.of(leaderWrite(), memberWrite(leader));
        }
        if (next < 0) {
            return lagWave(random);
        }
        history.addLast(JSON.createArrayNode().add(timeline).add(optime)
                .add(leaderKeyHeld ? "no recovery target specified" : "failover").add(Instant.now().toString())
                .add(names.get(next)).toString());
        while (history.size() > HISTORY_KEPT) {
            history.removeFirst();
        }
        timeline++;
        leader = next;
        leaderKeyHeld = true;
        received[next] = optime;
        List<EtcdGateway.Write> w = new ArrayList<>();
        w.add(leaderWrite());
        for (int i = 0; i < names.size(); i++) {
            if (!lost[i]) {
                w.add(memberWrite(i));
            }
        }
        w.add(EtcdGateway.Write.put(prefix + "history", historyJson()));
        w.add(EtcdGateway.Write.put(prefix + "sync", sync()));
        w.add(EtcdGateway.Write.put(prefix + "status", status()));
        return w;
    }

    /** The leader key vanishes (its Patroni died): the cluster has no leader until a failover. */
    List<EtcdGateway.Write> leaderLost() {
        leaderKeyHeld = false;
        lost[leader] = true;
        return List.of(EtcdGateway.Write.delete(prefix + "leader"),
                EtcdGateway.Write.delete(prefix + "members/" + names.get(leader)));
    }

    /** A replica's member key expires (lost), or a lost member comes back. */
    List<EtcdGateway.Write> memberLostOrBack(Random random) {
        for (int i = 0; i < names.size(); i++) {
            if (lost[i] && (i != leader || leaderKeyHeld)) {
                lost[i] = false;
                received[i] = Math.max(0, optime - random.nextInt(1024 * 1024));
                return List.of(memberWrite(i));
            }
        }
        int replica = pickReplica(random, false);
        if (replica < 0) {
            return List.of();
        }
        lost[replica] = true;
        return List.of(EtcdGateway.Write.delete(prefix + "members/" + names.get(replica)));
    }

    private int pickReplica(Random random, boolean includeLost) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != leader && (includeLost || !lost[i])) {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    private EtcdGateway.Write leaderWrite() {
        return new EtcdGateway.Write(prefix + "leader", names.get(leader), lease);
    }

    private EtcdGateway.Write memberWrite(int i) {
        return EtcdGateway.Write.put(prefix + "members/" + names.get(i), member(i));
    }

    /** A member key as Patroni writes it; a lost former leader comes back as a replica. */
    String member(int i) {
        boolean isLeader = i == leader && leaderKeyHeld;
        String host = host(i);
        ObjectNode m = JSON.createObjectNode();
        m.put("conn_url", "postgres://" + host + ":5432/postgres");
        m.put("api_url", "http://" + host + ":8008/patroni");
        m.put("state", "running");
        m.put("role", isLeader ? (patroni4 ? "primary" : "master") : "replica");
        m.put("version", patroni4 ? "4.0.7" : "3.0.2");
        m.put("xlog_location", isLeader ? optime : received[i]);
        if (patroni4 && !isLeader) {
            m.put("replication_state", "streaming");
        }
        m.put("timeline", timeline);
        m.putObject("tags").put(SIMULATED_TAG, SIMULATED_TEXT);
        return m.toString();
    }

    /**
     * A loopback address of its own per member ({@code 127.<member>.<cluster/256>.<cluster%256>}): nothing listens
     * there, so REST and SQL are refused at once, and no two simulated members share an endpoint.
     */
    String host(int member) {
        return "127." + (member + 10) + "." + (index / 256) + "." + (index % 256);
    }

    private String config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("ttl", 30);
        c.put("loop_wait", 10);
        c.put("retry_timeout", 10);
        c.put("maximum_lag_on_failover", 1048576);
        if (names.size() > 1) {
            if (patroni4 && names.size() > 2) {
                c.put("synchronous_mode", "quorum");
            } else {
                c.put("synchronous_mode", true);
            }
            c.put("synchronous_node_count", 1);
        }
        ObjectNode parameters = c.putObject("postgresql").putObject("parameters");
        parameters.put("max_connections", 100);
        parameters.put("wal_level", "replica");
        parameters.put("hot_standby", "on");
        return c.toString();
    }

    private String sync() {
        ObjectNode s = JSON.createObjectNode();
        s.put("leader", names.get(leader));
        List<String> standbys = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != leader && !lost[i]) {
                standbys.add(names.get(i));
            }
        }
        boolean quorum = patroni4 && names.size() > 2;
        s.put("sync_standby", quorum ? String.join(",", standbys) : standbys.isEmpty() ? null : standbys.get(0));
        if (quorum) {
            s.put("quorum", Math.max(0, standbys.size() - 1));
        }
        return s.toString();
    }

    private String status() {
        ObjectNode s = JSON.createObjectNode();
        s.put("optime", optime);
        ObjectNode slots = s.putObject("slots");
        ArrayNode retain = s.putArray("retain_slots");
        for (int i = 0; i < names.size(); i++) {
            retain.add(names.get(i));
            if (i != leader) {
                slots.put(names.get(i), received[i]);
            }
        }
        return s.toString();
    }

    private String historyJson() {
        return "[" + String.join(",", history) + "]";
    }
}
