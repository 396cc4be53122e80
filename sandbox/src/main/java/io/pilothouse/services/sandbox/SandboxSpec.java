package io.pilothouse.services.sandbox;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What sandbox to start.
 *
 * @param dir       directory holding everything of the sandbox; created if missing, must be empty
 *                  or absent, and reachable by the unprivileged user the processes run as
 * @param members   number of Patroni members (1 to {@value #MAX_MEMBERS})
 * @param scope     Patroni scope, i.e. the cluster name in etcd
 * @param namespace Patroni namespace, the etcd key prefix (starts and ends with {@code /})
 * @param haproxy   whether to start an HAProxy with a write port, a read port and a stats page
 * @param plain     a plain streaming-replication cluster instead: a primary, a standby and a cascading standby
 *                  behind it, no Patroni, etcd or HAProxy ({@code members}, {@code namespace} and
 *                  {@code haproxy} are then ignored; {@code scope} names the workspace source)
 * @param shards    standalone PostgreSQL servers {@code shard1..shardN} started besides the cluster (0 to
 *                  {@value #MAX_SHARDS}), each with {@code max_prepared_transactions} set, for two-phase commit
 * @param shardMembers members of each shard (1 to {@value #MAX_SHARD_MEMBERS}): 1 for a standalone server, more for
 *                  a Patroni cluster of its own with scope {@code shardK} in {@code namespace}, so the workspace's etcd
 *                  source discovers it (not with {@code plain})
 * @param patroni   which Patroni the members run: Debian 12's 3.0.2 (the default, also for {@code null}) or Patroni 4
 *                  fetched from Debian 13 into the cache on first use (ignored with {@code plain})
 * @param sync      the synchronous replication the cluster bootstraps with ({@link SandboxSync#OFF} for async; not
 *                  with {@code plain})
 * @param cascade   the last member is tagged {@code replicatefrom: node2}: it streams from the second member, not the
 *                  leader, whoever leads (a Patroni cascade; needs at least 3 members, not with {@code plain})
 * @param poolers   also start a PgBouncer in front of HAProxy's write port and a Pgpool-II (streaming-replication
 *                  mode) beside it; implies {@code haproxy} (not with {@code plain})
 * @param tls       TLS everywhere, verified: a CA and short-lived server and client certificates in {@code DIR/tls},
 *                  PostgreSQL with {@code ssl=on} and {@code hostssl} lines only, etcd over https with client-cert
 *                  auth and etcd auth enabled (users and roles), Patroni's REST API over https requiring a client
 *                  certificate (not with {@code plain} or {@code haproxy}; shards only as Patroni clusters)
 */
public record SandboxSpec(Path dir, int members, String scope, String namespace, boolean haproxy, boolean plain,
                          int shards, int shardMembers, PatroniRelease patroni, SandboxSync sync, boolean cascade,
                          boolean poolers, boolean tls) {

    /** More members than this would only slow a laptop down; the app never needs them. */
    public static final int MAX_MEMBERS = 9;

    /** Enough for cross-shard transactions and a resharding demo; each one is a whole PostgreSQL server. */
    public static final int MAX_SHARDS = 4;

    /** A primary and two replicas per shard is plenty to show a shard switching over. */
    public static final int MAX_SHARD_MEMBERS = 3;

    private static final Pattern SHARD_NAME = Pattern.compile("shard[0-9]+");

    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern NAMESPACE = Pattern.compile("/([A-Za-z0-9_.-]+/)*");

    public SandboxSpec {
        Objects.requireNonNull(dir, "dir");
        if (poolers && plain) {
            throw new IllegalArgumentException("--poolers puts PgBouncer and Pgpool-II in front of a Patroni cluster; a "
                    + "plain sandbox has none: drop --plain or --poolers");
        }
        // PgBouncer follows the leader through HAProxy's write port.
        haproxy = haproxy || poolers;
        patroni = patroni == null ? PatroniRelease.PATRONI_3 : patroni;
        if (members < 1 || members > MAX_MEMBERS) {
            throw new IllegalArgumentException("members must be between 1 and " + MAX_MEMBERS + ": " + members);
        }
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("scope must be letters, digits, '-' or '_': " + scope);
        }
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must look like /service/: " + namespace);
        }
        if (shards < 0 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be between 0 and " + MAX_SHARDS + ": " + shards);
        }
        if (shards > 0 && SHARD_NAME.matcher(scope).matches()) {
            // The workspace gets a source per shard, named like the shard; two sources cannot share a name.
            throw new IllegalArgumentException("scope " + scope + " is taken by the shards; pick another scope");
        }
        if (shardMembers < 1 || shardMembers > MAX_SHARD_MEMBERS) {
            throw new IllegalArgumentException("shard members must be between 1 and " + MAX_SHARD_MEMBERS + ": "
                    + shardMembers);
        }
        if (shardMembers > 1 && plain) {
            throw new IllegalArgumentException("shards with several members are Patroni clusters; a plain sandbox "
                    + "has no Patroni: drop --plain or use one member per shard");
        }
        sync = sync == null ? SandboxSync.OFF : sync;
        if (plain && sync.mode().synchronous()) {
            throw new IllegalArgumentException("--sync configures Patroni; a plain sandbox has none: drop --plain or "
                    + "--sync");
        }
        if (!plain) {
            sync.checkFits(members);
        }
        if (tls && (plain || haproxy)) {
            throw new IllegalArgumentException("--tls covers PostgreSQL, etcd and Patroni; it is not yet done for "
                    + (plain ? "--plain" : "--haproxy") + ": drop one of them");
        }
        if (tls && shards > 0 && shardMembers < 2) {
            throw new IllegalArgumentException("--tls covers shards that are Patroni clusters, not yet standalone "
                    + "shard servers: add --shard-members 2 or drop --shards");
        }
        if (cascade && (plain || members < 3)) {
            throw new IllegalArgumentException("a cascade needs a Patroni cluster of at least 3 members (a leader, the "
                    + "member streamed from, the cascading one): drop --plain or pass --members 3 or more");
        }
    }

    /** Three members, scope {@code demo}, namespace {@code /service/}, no HAProxy, no shards, Patroni 3, async. */
    public static SandboxSpec defaults(Path dir) {
        return new Builder(dir).build();
    }

    /** Without PgBouncer, Pgpool-II and TLS. */
    public SandboxSpec(Path dir, int members, String scope, String namespace, boolean haproxy, boolean plain,
                       int shards, int shardMembers, PatroniRelease patroni, SandboxSync sync, boolean cascade) {
        this(dir, members, scope, namespace, haproxy, plain, shards, shardMembers, patroni, sync, cascade, false,
                false);
    }

    /** This spec with or without PgBouncer and Pgpool-II (with them, HAProxy too). */
    public SandboxSpec withPoolers(boolean newPoolers) {
        return toBuilder().poolers(newPoolers).build();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This spec in another directory. */
    public SandboxSpec withDir(Path newDir) {
        return toBuilder().dir(newDir).build();
    }

    /** This spec with another number of members. */
    public SandboxSpec withMembers(int newMembers) {
        return toBuilder().members(newMembers).build();
    }

    /** This spec with another Patroni scope. */
    public SandboxSpec withScope(String newScope) {
        return toBuilder().scope(newScope).build();
    }

    /** This spec with another Patroni namespace. */
    public SandboxSpec withNamespace(String newNamespace) {
        return toBuilder().namespace(newNamespace).build();
    }

    /** This spec with or without HAProxy. */
    public SandboxSpec withHaproxy(boolean newHaproxy) {
        return toBuilder().haproxy(newHaproxy).build();
    }

    /** The same spec for a plain streaming-replication cluster (or back to Patroni). */
    public SandboxSpec withPlain(boolean newPlain) {
        return toBuilder().plain(newPlain).build();
    }

    /** This spec with {@code newShards} standalone shard servers besides the cluster. */
    public SandboxSpec withShards(int newShards) {
        return toBuilder().shards(newShards).build();
    }

    /** This spec with {@code newShardMembers} members per shard: more than one makes each shard a Patroni cluster. */
    public SandboxSpec withShardMembers(int newShardMembers) {
        return toBuilder().shardMembers(newShardMembers).build();
    }

    /** This spec running another Patroni. */
    public SandboxSpec withPatroni(PatroniRelease newPatroni) {
        return toBuilder().patroni(newPatroni).build();
    }

    /** This spec with synchronous replication {@code newSync}. */
    public SandboxSpec withSync(SandboxSync newSync) {
        return toBuilder().sync(newSync).build();
    }

    /** This spec with or without the {@code replicatefrom} cascade on the last member. */
    public SandboxSpec withCascade(boolean newCascade) {
        return toBuilder().cascade(newCascade).build();
    }

    /** Builds a spec from the defaults ({@link #defaults}) or another spec; {@link #build} checks it. */
    public static final class Builder {
        private Path dir;
        private int members = 3;
        private String scope = "demo";
        private String namespace = "/service/";
        private boolean haproxy;
        private boolean plain;
        private int shards;
        private int shardMembers = 1;
        private PatroniRelease patroni = PatroniRelease.PATRONI_3;
        private SandboxSync sync = SandboxSync.OFF;
        private boolean cascade;
        private boolean poolers;
        private boolean tls;

        /** The defaults in {@code dir}. */
        public Builder(Path dir) {
            this.dir = dir;
        }

        private Builder(SandboxSpec s) {
            this(s.dir);
            members = s.members;
            scope = s.scope;
            namespace = s.namespace;
            haproxy = s.haproxy;
            plain = s.plain;
            shards = s.shards;
            shardMembers = s.shardMembers;
            patroni = s.patroni;
            sync = s.sync;
            cascade = s.cascade;
            poolers = s.poolers;
            tls = s.tls;
        }

        public Builder dir(Path value) {
            dir = value;
            return this;
        }

        public Builder members(int value) {
            members = value;
            return this;
        }

        public Builder scope(String value) {
            scope = value;
            return this;
        }

        public Builder namespace(String value) {
            namespace = value;
            return this;
        }

        public Builder haproxy(boolean value) {
            haproxy = value;
            return this;
        }

        public Builder plain(boolean value) {
            plain = value;
            return this;
        }

        public Builder shards(int value) {
            shards = value;
            return this;
        }

        public Builder shardMembers(int value) {
            shardMembers = value;
            return this;
        }

        public Builder patroni(PatroniRelease value) {
            patroni = value;
            return this;
        }

        public Builder sync(SandboxSync value) {
            sync = value;
            return this;
        }

        public Builder cascade(boolean value) {
            cascade = value;
            return this;
        }

        public Builder poolers(boolean value) {
            poolers = value;
            return this;
        }

        public Builder tls(boolean value) {
            tls = value;
            return this;
        }

        /** The spec; throws {@link IllegalArgumentException} naming what does not fit. */
        public SandboxSpec build() {
            return new SandboxSpec(dir, members, scope, namespace, haproxy, plain, shards, shardMembers, patroni,
                    sync, cascade, poolers, tls);
        }
    }

    /**
     * The member the given member of the sandbox's own cluster is tagged to stream from ({@code replicatefrom}), or
     * null when it follows the leader: with {@link #cascade()}, the last member streams from the second.
     */
    public String replicatefrom(String member) {
        return cascade && member.equals(memberName(members - 1)) ? memberName(1) : null;
    }

    /** True when each shard is a Patroni cluster rather than a standalone server. */
    public boolean patroniShards() {
        return shardMembers > 1;
    }

    /** Names of shard {@code shard}'s members, {@code shardK-node1} to {@code shardK-nodeM}. */
    public String shardMemberName(int shard, int member) {
        return shardName(shard) + "-" + memberName(member);
    }

    /** Shard names, {@code shard1} to {@code shardN}. */
    public String shardName(int index) {
        return "shard" + (index + 1);
    }

    /** Member names, {@code node1} to {@code nodeN}. */
    public String memberName(int index) {
        return "node" + (index + 1);
    }
}
