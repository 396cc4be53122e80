package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to reach a running sandbox, as written to {@code DIR/sandbox.json}. Holds no
 * password: those are in {@link #passfile()} only.
 *
 * <p>Pids are those seen by the last launcher action ({@code up}, {@code startMember}, …); a
 * postmaster restarted by Patroni gets a new pid, which {@link SandboxLauncher#status} reads live.
 * A pid of 0 means "not started yet".
 *
 * @param dir           the sandbox directory (absolute, symlinks resolved)
 * @param scope         Patroni scope
 * @param namespace     Patroni namespace (etcd key prefix)
 * @param etcdUrl       etcd client URL, {@code http://127.0.0.1:PORT}
 * @param etcdPid       pid of the etcd server
 * @param members       the Patroni members in name order
 * @param haproxy       the HAProxy, or {@code null} when the sandbox has none
 * @param passfile      the pgpass file with every role's password for every member port
 * @param superuser     PostgreSQL superuser name
 * @param monitorUser   read-only monitoring role (member of {@code pg_monitor}), what the app uses
 * @param appUser       application role, owner of database {@code app}
 * @param workspaceFile the workspace file the app can open
 * @param runAsUser     OS user the sandbox processes run as
 * @param startedAt     when {@code up} began, ISO-8601 (a string so any Jackson mapper reads it)
 * @param shards        standalone PostgreSQL servers started besides the cluster, in name order; empty when none
 *                      (and when read from a {@code sandbox.json} written before shards existed)
 * @param patroni       the Patroni the members run; {@code null} for a plain sandbox (and when read from a
 *                      {@code sandbox.json} written before this was recorded: Debian 12's then)
 * @param pgbouncer     the PgBouncer in front of HAProxy's write port, or {@code null} without {@code --poolers}
 * @param pgpool        the Pgpool-II beside HAProxy, or {@code null} without {@code --poolers}
 */
public record SandboxInfo(
        @JsonSerialize(using = ToStringSerializer.class) Path dir,
        String scope,
        String namespace,
        String etcdUrl,
        long etcdPid,
        List<Member> members,
        Haproxy haproxy,
        @JsonSerialize(using = ToStringSerializer.class) Path passfile,
        String superuser,
        String monitorUser,
        String appUser,
        @JsonSerialize(using = ToStringSerializer.class) Path workspaceFile,
        String runAsUser,
        String startedAt,
        List<Shard> shards,
        PatroniRuntime patroni,
        Pgbouncer pgbouncer,
        Pgpool pgpool) {

    public SandboxInfo {
        members = List.copyOf(members);
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /**
     * The CA that signed the servers' certificates of a {@code --tls} sandbox ({@code DIR/tls/ca.crt}, world-readable
     * so the servers' own client connections — postgres_fdw, subscriptions — can verify each other); empty without
     * TLS.
     */
    @JsonIgnore
    public Optional<Path> tlsCaFile() {
        return etcdUrl != null && etcdUrl.startsWith("https://") ? Optional.of(dir.resolve("tls").resolve("ca.crt"))
                : Optional.empty();
    }

    /** A sandbox without poolers. */
    public SandboxInfo(Path dir, String scope, String namespace, String etcdUrl, long etcdPid, List<Member> members,
                       Haproxy haproxy, Path passfile, String superuser, String monitorUser, String appUser,
                       Path workspaceFile, String runAsUser, String startedAt, List<Shard> shards,
                       PatroniRuntime patroni) {
        this(dir, scope, namespace, etcdUrl, etcdPid, members, haproxy, passfile, superuser, monitorUser, appUser,
                workspaceFile, runAsUser, startedAt, shards, patroni, null, null);
    }

    /** A sandbox without shards. */
    public SandboxInfo(Path dir, String scope, String namespace, String etcdUrl, long etcdPid, List<Member> members,
                       Haproxy haproxy, Path passfile, String superuser, String monitorUser, String appUser,
                       Path workspaceFile, String runAsUser, String startedAt) {
        this(dir, scope, namespace, etcdUrl, etcdPid, members, haproxy, passfile, superuser, monitorUser, appUser,
                workspaceFile, runAsUser, startedAt, List.of(), null);
    }

    /** A sandbox running Debian 12's Patroni (or none, when plain). */
    public SandboxInfo(Path dir, String scope, String namespace, String etcdUrl, long etcdPid, List<Member> members,
                       Haproxy haproxy, Path passfile, String superuser, String monitorUser, String appUser,
                       Path workspaceFile, String runAsUser, String startedAt, List<Shard> shards) {
        this(dir, scope, namespace, etcdUrl, etcdPid, members, haproxy, passfile, superuser, monitorUser, appUser,
                workspaceFile, runAsUser, startedAt, shards, null);
    }

    /**
     * One Patroni member and its PostgreSQL.
     *
     * @param name        member name ({@code node1}, …)
     * @param restUrl     Patroni REST base URL, {@code http://127.0.0.1:PORT}
     * @param pgHost      PostgreSQL host ({@code 127.0.0.1})
     * @param pgPort      PostgreSQL port
     * @param dataDir     PostgreSQL data directory
     * @param patroniPid  pid of the Patroni daemon
     * @param postgresPid pid of the postmaster (from {@code postmaster.pid})
     */
    public record Member(
            String name,
            String restUrl,
            String pgHost,
            int pgPort,
            @JsonSerialize(using = ToStringSerializer.class) Path dataDir,
            long patroniPid,
            long postgresPid) {

        Member withPatroniPid(long pid) {
            return new Member(name, restUrl, pgHost, pgPort, dataDir, pid, postgresPid);
        }

        Member withPostgresPid(long pid) {
            return new Member(name, restUrl, pgHost, pgPort, dataDir, patroniPid, pid);
        }
    }

    /**
     * A shard beside the cluster: a standalone PostgreSQL server (no Patroni, no standby), or with
     * {@code --shard-members M > 1} a Patroni cluster of its own whose scope is the shard's name. Prepared transactions
     * are enabled either way.
     *
     * @param name        shard name ({@code shard1}, …), also the Patroni scope of a shard cluster
     * @param pgHost      PostgreSQL host ({@code 127.0.0.1})
     * @param pgPort      PostgreSQL port; of a shard cluster, its first member's, which need not be its primary
     * @param dataDir     PostgreSQL data directory; of a shard cluster, its first member's
     * @param postgresPid pid of the postmaster; 0 for a shard cluster (its members' postmasters are Patroni's)
     * @param members     a shard cluster's Patroni members in name order; empty for a standalone server (and when read
     *                    from a {@code sandbox.json} written before shard clusters existed)
     */
    public record Shard(
            String name,
            String pgHost,
            int pgPort,
            @JsonSerialize(using = ToStringSerializer.class) Path dataDir,
            long postgresPid,
            List<Member> members) {

        public Shard {
            members = members == null ? List.of() : List.copyOf(members);
        }

        /** A standalone shard server. */
        public Shard(String name, String pgHost, int pgPort, Path dataDir, long postgresPid) {
            this(name, pgHost, pgPort, dataDir, postgresPid, List.of());
        }

        Shard withPostgresPid(long pid) {
            return new Shard(name, pgHost, pgPort, dataDir, pid, members);
        }

        Shard withMember(Member replacement) {
            List<Member> updated = new ArrayList<>(members);
            updated.replaceAll(m -> m.name().equals(replacement.name()) ? replacement : m);
            return new Shard(name, pgHost, pgPort, dataDir, postgresPid, updated);
        }

        /** True for a Patroni shard cluster, false for a standalone server. */
        @JsonIgnore
        public boolean patroni() {
            return !members.isEmpty();
        }

        /** {@code host:port}, how a plain workspace source names it. */
        @JsonIgnore
        public String endpoint() {
            return pgHost + ":" + pgPort;
        }

        /** The Patroni REST URLs of a shard cluster's members, in member order; empty for a standalone shard. */
        @JsonIgnore
        public List<String> restUrls() {
            return members.stream().map(Member::restUrl).toList();
        }

        /** A shard cluster's member called {@code memberName}; fails with a clear message when there is none. */
        public Member requireMember(String memberName) {
            return members.stream().filter(m -> m.name().equals(memberName)).findFirst()
                    .orElseThrow(() -> new SandboxException("No member called '" + memberName + "' in shard " + name
                            + "; its members are " + members.stream().map(Member::name).toList()));
        }
    }

    /**
     * The HAProxy in front of the members.
     *
     * @param writePort port routed to the current primary ({@code GET /primary} check)
     * @param readPort  port balanced over the replicas ({@code GET /replica} check)
     * @param statsPort port of the stats page; CSV at {@code /stats;csv}
     * @param pid       pid of HAProxy
     */
    public record Haproxy(int writePort, int readPort, int statsPort, long pid) {

        /** The stats page as CSV. */
        @JsonIgnore
        public String statsCsvUrl() {
            return "http://127.0.0.1:" + statsPort + "/stats;csv";
        }

        Haproxy withPid(long newPid) {
            return new Haproxy(writePort, readPort, statsPort, newPid);
        }
    }

    /**
     * The PgBouncer in front of HAProxy's write port (databases {@code postgres} and {@code app}, transaction
     * pooling). Its admin console is the virtual database {@code pgbouncer}; the admin's password is in the pgpass.
     *
     * @param port      PgBouncer's port on 127.0.0.1
     * @param adminUser the user listed in {@code admin_users}
     * @param pid       pid of PgBouncer
     */
    public record Pgbouncer(int port, String adminUser, long pid) {

        Pgbouncer withPid(long newPid) {
            return new Pgbouncer(port, adminUser, newPid);
        }
    }

    /**
     * The Pgpool-II beside HAProxy, in streaming-replication mode over every member, health checks on.
     *
     * @param port    Pgpool's port on 127.0.0.1 ({@code SHOW POOL_NODES} over a normal connection)
     * @param pcpPort the PCP port
     * @param pcpUser the {@code pcp.conf} user; its password is in the pgpass (database {@code *})
     * @param pid     pid of the Pgpool main process
     */
    public record Pgpool(int port, int pcpPort, String pcpUser, long pid) {

        Pgpool withPid(long newPid) {
            return new Pgpool(port, pcpPort, pcpUser, newPid);
        }
    }

    /**
     * The Patroni the members run: as recorded, else (a sandbox from before it was recorded) Debian 12's; empty for a
     * plain sandbox.
     */
    @JsonIgnore
    public Optional<PatroniRuntime> patroniRuntime() {
        if (plain() || (members.isEmpty() && shards.isEmpty())) {
            // An etcd alone (sandbox estate's own): no Patroni runs.
            return Optional.empty();
        }
        return Optional.of(patroni != null ? patroni : PatroniRuntimes.system());
    }

    /** This sandbox recording the Patroni its members run. */
    SandboxInfo withPatroni(PatroniRuntime runtime) {
        return new SandboxInfo(dir, scope, namespace, etcdUrl, etcdPid, members, haproxy, passfile, superuser,
                monitorUser, appUser, workspaceFile, runAsUser, startedAt, shards, runtime, pgbouncer, pgpool);
    }

    /** True for a plain streaming-replication sandbox: PostgreSQL only, no etcd, Patroni or HAProxy. */
    @JsonIgnore
    public boolean plain() {
        return etcdUrl == null;
    }

    /** The member called {@code name}, if any. */
    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The member called {@code name}; fails with a clear message when there is none. */
    public Member requireMember(String name) {
        return member(name).orElseThrow(() -> new SandboxException(
                "No member called '" + name + "' in the sandbox " + dir + "; members are "
                        + members.stream().map(Member::name).toList()));
    }

    /** The shard called {@code name}; fails with a clear message when there is none. */
    public Shard requireShard(String name) {
        return shards.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new SandboxException(
                "No shard called '" + name + "' in the sandbox " + dir + "; shards are "
                        + shards.stream().map(Shard::name).toList()));
    }

    /** The Patroni REST URLs of all members, in member order. */
    @JsonIgnore
    public List<String> restUrls() {
        return members.stream().map(Member::restUrl).toList();
    }

    /**
     * A libpq/JDBC multi-host list {@code 127.0.0.1:p1,127.0.0.1:p2,…} of all members, to pair
     * with {@code target_session_attrs} / {@code targetServerType}.
     */
    @JsonIgnore
    public String pgHostList() {
        return String.join(",", members.stream().map(m -> m.pgHost() + ":" + m.pgPort()).toList());
    }

    SandboxInfo withPoolers(Pgbouncer newPgbouncer, Pgpool newPgpool) {
        return new SandboxInfo(dir, scope, namespace, etcdUrl, etcdPid, members, haproxy, passfile, superuser,
                monitorUser, appUser, workspaceFile, runAsUser, startedAt, shards, patroni, newPgbouncer, newPgpool);
    }

    SandboxInfo withEtcdPid(long pid) {
        return new SandboxInfo(dir, scope, namespace, etcdUrl, pid, members, haproxy, passfile, superuser,
                monitorUser, appUser, workspaceFile, runAsUser, startedAt, shards, patroni, pgbouncer, pgpool);
    }

    SandboxInfo withHaproxy(Haproxy newHaproxy) {
        return new SandboxInfo(dir, scope, namespace, etcdUrl, etcdPid, members, newHaproxy, passfile,
                superuser, monitorUser, appUser, workspaceFile, runAsUser, startedAt, shards, patroni, pgbouncer,
                pgpool);
    }

    SandboxInfo withMember(Member replacement) {
        List<Member> updated = new ArrayList<>(members);
        updated.replaceAll(m -> m.name().equals(replacement.name()) ? replacement : m);
        return new SandboxInfo(dir, scope, namespace, etcdUrl, etcdPid, updated, haproxy, passfile, superuser,
                monitorUser, appUser, workspaceFile, runAsUser, startedAt, shards, patroni, pgbouncer, pgpool);
    }

    SandboxInfo withShard(Shard replacement) {
        List<Shard> updated = new ArrayList<>(shards);
        updated.replaceAll(s -> s.name().equals(replacement.name()) ? replacement : s);
        return new SandboxInfo(dir, scope, namespace, etcdUrl, etcdPid, members, haproxy, passfile, superuser,
                monitorUser, appUser, workspaceFile, runAsUser, startedAt, updated, patroni, pgbouncer, pgpool);
    }
}
