package io.pilothouse.services.sandbox;

import io.pilothouse.services.sandbox.ReadinessProbe.ClusterReadiness;
import io.pilothouse.services.sandbox.SandboxPlan.MemberPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One run of {@code up}: plan, write the files, start the processes in order, wait until ready. */
final class SandboxStartup {

    private static final String POST_BOOTSTRAP_RESOURCE = "post_bootstrap.py";
    private static final Duration HAPROXY_READY = Duration.ofSeconds(20);

    private final Binaries binaries;
    private final SandboxUser user;
    private final SandboxProcesses processes;
    private final ReadinessProbe probe;
    private final PortAllocator ports;
    private final SecureRandom random;
    private final Duration readyTimeout;
    private final ShardStartup shards;
    private final PatroniRuntimes patroniRuntimes;

    SandboxStartup(Binaries binaries, SandboxUser user, SandboxProcesses processes, ReadinessProbe probe,
                   PortAllocator ports, SecureRandom random, Duration readyTimeout, ShardStartup shards,
                   PatroniRuntimes patroniRuntimes) {
        this.binaries = binaries;
        this.user = user;
        this.processes = processes;
        this.probe = probe;
        this.ports = ports;
        this.random = random;
        this.readyTimeout = readyTimeout;
        this.shards = shards;
        this.patroniRuntimes = patroniRuntimes;
    }

    /**
     * Quorum commit exists from Patroni 4.0; Patroni 3 would read {@code synchronous_mode: quorum} as plain
     * synchronous mode, silently. Refused before anything is created.
     */
    private static void checkSyncSupported(SandboxSpec spec, PatroniRuntime patroni, Consumer<String> progress) {
        if (spec.sync().mode() != io.pilothouse.services.model.SyncMode.QUORUM) {
            if (spec.sync().mode().synchronous()) {
                progress.accept("Bootstrapping with " + spec.sync().describe());
            }
            return;
        }
        if (patroni.major() < SandboxSync.QUORUM_SINCE_MAJOR) {
            throw new SandboxUnsupportedException("--sync quorum needs Patroni " + SandboxSync.QUORUM_SINCE_MAJOR
                    + ".0 or later, but this sandbox would run " + patroni.describe() + "; use --sync on or --sync "
                    + "strict, or --patroni 4");
        }
        progress.accept("Bootstrapping with " + spec.sync().describe() + " on " + patroni.describe());
    }

    SandboxInfo up(SandboxSpec spec, Consumer<String> progress) {
        long started = System.nanoTime();
        binaries.verify(spec.haproxy(), spec.poolers());
        // Before the directory is touched: a failed download of Patroni 4 leaves nothing behind.
        PatroniRuntime patroni = patroniRuntimes.resolve(spec.patroni(), progress);
        checkSyncSupported(spec, patroni, progress);
        SandboxLayout layout = SandboxDirectory.prepare(spec, user);
        SandboxPlan plan = SandboxPlan.of(spec, layout, ports.allocate(SandboxPlan.portsNeeded(spec)));
        Credentials credentials = Credentials.generate(random);
        PoolerCredentials admins = PoolerCredentials.generate(random);
        EtcdUsers etcdUsers = spec.tls() ? EtcdUsers.generate(random) : null;
        if (spec.tls()) {
            user.own(PrivateFiles.directory(layout.logs(), PrivateFiles.SHARED_DIR));
            progress.accept("Making a CA and " + SandboxTls.VALID_DAYS + "-day server and client certificates in "
                    + layout.tlsDir());
            SandboxTls.generate(layout, user);
        }
        writeFiles(plan, credentials, admins, etcdUsers);
        SandboxInfo info = initialInfo(plan).withPatroni(patroni);
        probe.trust(info);
        // Written before the first process starts, so that down always finds what up started.
        SandboxState.write(layout, info);
        LaunchedProcesses watched = new LaunchedProcesses();
        Deadline deadline = Deadline.in(readyTimeout);
        try {
            info = startEtcd(plan, info, watched, deadline, progress);
            if (spec.tls()) {
                progress.accept("Enabling etcd auth: users root, patroni, pilothouse, pilothouse_monitor");
                EtcdAuthSetup.enable(plan.etcdUrl(), SandboxTls.clientContext(layout.tlsDir()), spec.namespace(),
                        etcdUsers);
            }
            info = startMembers(plan, info, watched, patroni, deadline);
            info = startShardMembers(plan, info, watched, patroni, progress);
            // While Patroni bootstraps: the shards do not depend on it.
            info = shards.start(layout, info, credentials, watched, deadline, progress);
            progress.accept("Waiting for a leader and " + (spec.members() - 1) + " streaming replicas");
            ClusterReadiness cluster = probe.awaitCluster(restUrls(plan.members()), deadline, watched, progress);
            for (SandboxInfo.Member m : info.members()) {
                info = info.withMember(m.withPostgresPid(ProcessTable.postmasterPid(m.dataDir())));
            }
            info = awaitShardClusters(plan, info, watched, deadline, progress);
            SandboxState.write(layout, info);
            if (spec.haproxy()) {
                info = startHaproxy(plan, info, watched, progress);
            }
            if (plan.poolers() != null) {
                info = new PoolerStartup(processes).start(plan, info, credentials, watched, progress);
            }
            WorkspaceWriter.write(info);
            SandboxState.write(layout, info);
            progress.accept(String.format("Sandbox ready in %.1f s: leader %s, replicas %s%s (Patroni %s); workspace %s",
                    (System.nanoTime() - started) / 1e9, cluster.leader(), String.join(", ", cluster.streaming()),
                    PlainSandboxStartup.shardsText(info), patroni.version(), info.workspaceFile()));
            return info;
        } catch (RuntimeException e) {
            throw SandboxTeardown.afterFailedStart(layout, e, progress);
        }
    }

    private void writeFiles(SandboxPlan plan, Credentials credentials, PoolerCredentials admins,
                            EtcdUsers etcdUsers) {
        SandboxLayout layout = plan.layout();
        user.own(PrivateFiles.directory(layout.logs(), PrivateFiles.SHARED_DIR));
        PrivateFiles.write(layout.postBootstrapScript(), postBootstrapScript(), PrivateFiles.WORLD_READABLE);
        EtcdConfigWriter.write(plan);
        plan.patroniMembers().forEach((member, scope) -> {
            user.own(PrivateFiles.directory(layout.memberDir(member.name()), PrivateFiles.PRIVATE_DIR));
            PatroniConfigWriter.write(plan, member, scope, credentials, etcdUsers, binaries, user);
        });
        List<Integer> pgPorts = new ArrayList<>(plan.members().stream().map(MemberPlan::pgPort).toList());
        if (plan.haproxy() != null) {
            pgPorts.add(plan.haproxy().writePort());
            pgPorts.add(plan.haproxy().readPort());
            HaproxyConfigWriter.write(plan);
        }
        plan.shards().forEach(s -> {
            if (s.patroni()) {
                s.members().forEach(m -> pgPorts.add(m.pgPort()));
            } else {
                pgPorts.add(s.pgPort());
            }
        });
        if (plan.poolers() != null) {
            pgPorts.add(plan.poolers().pgbouncerPort());
            pgPorts.add(plan.poolers().pgpoolPort());
            PgbouncerConfigWriter.write(plan, credentials, admins, user);
            PgpoolConfigWriter.write(plan, credentials, admins, user);
        }
        PgPassWriter.write(layout.passfile(), SandboxPlan.HOST, pgPorts, credentials,
                (plan.poolers() == null ? "" : PgPassWriter.poolerAdmins(SandboxPlan.HOST, plan.poolers(), admins))
                        + (etcdUsers == null ? "" : etcdUsers.pgpassLines(SandboxPlan.HOST, plan.etcdClientPort())));
    }

    private SandboxInfo initialInfo(SandboxPlan plan) {
        SandboxLayout layout = plan.layout();
        List<SandboxInfo.Member> members = plan.members().stream()
                .map(m -> new SandboxInfo.Member(m.name(), m.restUrl(), SandboxPlan.HOST, m.pgPort(),
                        layout.dataDir(m.name()), 0, 0))
                .toList();
        SandboxInfo.Haproxy haproxy = plan.haproxy() == null ? null
                : new SandboxInfo.Haproxy(plan.haproxy().writePort(), plan.haproxy().readPort(),
                        plan.haproxy().statsPort(), 0);
        return new SandboxInfo(layout.dir(), plan.spec().scope(), plan.spec().namespace(), plan.etcdUrl(), 0,
                members, haproxy, layout.passfile(), Credentials.SUPERUSER, Credentials.MONITOR, Credentials.APP,
                layout.workspaceFile(), user.name(), Instant.now().toString(), plan.shards());
    }

    private SandboxInfo startEtcd(SandboxPlan plan, SandboxInfo info, LaunchedProcesses watched, Deadline deadline,
                                  Consumer<String> progress) {
        progress.accept("Starting etcd on " + plan.etcdUrl() + " as user " + user.name());
        Process etcd = processes.startEtcd(plan.layout());
        watched.add("etcd", ProcessKind.ETCD, etcd, plan.layout().etcdLog());
        SandboxInfo updated = info.withEtcdPid(etcd.pid());
        SandboxState.write(plan.layout(), updated);
        probe.awaitEtcd(plan.etcdUrl(), deadline, watched);
        return updated;
    }

    private SandboxInfo startMembers(SandboxPlan plan, SandboxInfo info, LaunchedProcesses watched,
                                     PatroniRuntime runtime, Deadline deadline) {
        SandboxLayout layout = plan.layout();
        SandboxInfo updated = info;
        // All at once: one wins the initialize key and bootstraps, the others clone from it. With a cascade the
        // first member bootstraps alone, so that the cascade's upstream (the second member) starts as a replica.
        List<MemberPlan> members = plan.members();
        for (int i = 0; i < members.size(); i++) {
            MemberPlan m = members.get(i);
            Process patroni = processes.startPatroni(layout, m.name(), runtime);
            watched.add(m.name(), ProcessKind.PATRONI, patroni, layout.patroniLog(m.name()),
                    layout.postgresLog(m.name()));
            updated = updated.withMember(updated.requireMember(m.name()).withPatroniPid(patroni.pid()));
            SandboxState.write(layout, updated);
            if (i == 0 && plan.spec().cascade()) {
                probe.awaitLeader(m.name(), updated.requireMember(m.name()).restUrl(), deadline, watched);
            }
        }
        return updated;
    }

    /** Starts every shard cluster's members at once, like the cluster's: one of each cluster bootstraps it. */
    private SandboxInfo startShardMembers(SandboxPlan plan, SandboxInfo info, LaunchedProcesses watched,
                                          PatroniRuntime runtime, Consumer<String> progress) {
        if (plan.shardMembers().isEmpty()) {
            return info;
        }
        progress.accept("Starting shard clusters " + String.join(", ", plan.shards().stream()
                .map(s -> s.name() + " (" + s.members().size() + " Patroni members)").toList()));
        SandboxLayout layout = plan.layout();
        SandboxInfo updated = info;
        for (SandboxInfo.Shard shard : plan.shards()) {
            for (SandboxInfo.Member m : shard.members()) {
                Process patroni = processes.startPatroni(layout, m.name(), runtime);
                watched.add(m.name(), ProcessKind.PATRONI, patroni, layout.patroniLog(m.name()),
                        layout.postgresLog(m.name()));
                SandboxInfo.Shard current = updated.requireShard(shard.name());
                updated = updated.withShard(current.withMember(current.requireMember(m.name())
                        .withPatroniPid(patroni.pid())));
                SandboxState.write(layout, updated);
            }
        }
        return updated;
    }

    /** Waits until every shard cluster has a leader and streaming replicas, and records the postmasters. */
    private SandboxInfo awaitShardClusters(SandboxPlan plan, SandboxInfo info, LaunchedProcesses watched,
                                           Deadline deadline, Consumer<String> progress) {
        SandboxInfo updated = info;
        for (SandboxInfo.Shard shard : plan.shards()) {
            if (!shard.patroni()) {
                continue;
            }
            progress.accept("Waiting for " + shard.name() + ": a leader and " + (shard.members().size() - 1)
                    + " streaming replicas");
            Map<String, String> urls = new LinkedHashMap<>();
            shard.members().forEach(m -> urls.put(m.name(), m.restUrl()));
            probe.awaitCluster(urls, deadline, watched, line -> progress.accept(shard.name() + ": " + line));
            SandboxInfo.Shard current = updated.requireShard(shard.name());
            for (SandboxInfo.Member m : current.members()) {
                current = current.withMember(m.withPostgresPid(ProcessTable.postmasterPid(m.dataDir())));
            }
            updated = updated.withShard(current);
        }
        return updated;
    }

    private SandboxInfo startHaproxy(SandboxPlan plan, SandboxInfo info, LaunchedProcesses watched,
                                     Consumer<String> progress) {
        progress.accept("Starting HAProxy: writes on " + plan.haproxy().writePort() + ", reads on "
                + plan.haproxy().readPort() + ", stats on " + plan.haproxy().statsPort());
        Process haproxy = processes.startHaproxy(plan.layout());
        watched.add("haproxy", ProcessKind.HAPROXY, haproxy, plan.layout().haproxyLog());
        SandboxInfo updated = info.withHaproxy(info.haproxy().withPid(haproxy.pid()));
        SandboxState.write(plan.layout(), updated);
        probe.awaitHaproxy(updated.haproxy().statsCsvUrl(), plan.members().size() - 1, Deadline.in(HAPROXY_READY),
                watched);
        return updated;
    }

    private static Map<String, String> restUrls(List<MemberPlan> members) {
        Map<String, String> urls = new LinkedHashMap<>();
        members.forEach(m -> urls.put(m.name(), m.restUrl()));
        return urls;
    }

    private static String postBootstrapScript() {
        try (InputStream in = SandboxStartup.class.getResourceAsStream(POST_BOOTSTRAP_RESOURCE)) {
            if (in == null) {
                throw new SandboxException("Resource " + POST_BOOTSTRAP_RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("Cannot read resource " + POST_BOOTSTRAP_RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
