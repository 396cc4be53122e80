package io.pilothouse.services.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, inspects and stops sandboxes: a real PostgreSQL 15 + Patroni + etcd (+ HAProxy) cluster
 * on 127.0.0.1, every process unprivileged and detached, everything in one directory.
 *
 * <p>Every method takes the sandbox directory and reads {@code DIR/sandbox.json}, so a sandbox
 * started by one JVM (a test run, the CLI) can be inspected and stopped by another. Signals go
 * only to pids whose command line still names the directory.
 *
 * <p>The failure helpers ({@link #kill9Member}, {@link #stopMember}, {@link #stopEtcd}, …) exist
 * for tests and demos of Pilothouse's failure handling. Not thread-safe for the same directory.
 */
public final class SandboxLauncher {

    /** How long {@link #up} waits for the cluster to be ready. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(SandboxLauncher.class);
    private static final Duration RESTART_READY = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final SandboxUser user;
    private final SandboxProcesses processes;
    private final ReadinessProbe probe = new ReadinessProbe();
    private final SandboxStartup startup;
    private final PlainSandboxStartup plainStartup;

    /** A launcher for the Debian 12 packages (PostgreSQL 15, Patroni, etcd, HAProxy). */
    public SandboxLauncher() {
        this(DEFAULT_READY_TIMEOUT);
    }

    /** As {@link #SandboxLauncher()}, waiting at most {@code readyTimeout} in {@link #up}. */
    public SandboxLauncher(Duration readyTimeout) {
        this(Binaries.debian(), SandboxUser.detect(), readyTimeout);
    }

    SandboxLauncher(Binaries binaries, SandboxUser user, Duration readyTimeout) {
        this.user = user;
        ProcessRunner runner = new ProcessRunner(user);
        this.processes = new SandboxProcesses(binaries, runner);
        SecureRandom random = new SecureRandom();
        this.plainStartup = new PlainSandboxStartup(binaries, user, runner, new PortAllocator(random), random,
                readyTimeout);
        ShardStartup shards = new ShardStartup(user, new LocalPostgres(binaries, user, runner));
        this.startup = new SandboxStartup(binaries, user, processes, probe, new PortAllocator(random), random,
                readyTimeout, shards, PatroniRuntimes.forCurrentUser(user, binaries));
    }

    /**
     * Starts a sandbox and waits until it has a leader and every other member streaming from it,
     * then writes {@code sandbox.json} and {@code workspace.yaml}. With {@link SandboxSpec#plain()}: a
     * primary ({@code node1}), a standby ({@code node2}) and a cascading standby ({@code node3}) streaming from
     * {@code node2}, with slots and no Patroni, etcd or HAProxy; the workspace then lists them as {@code nodes}.
     * With {@link SandboxSpec#shards()}: also standalone servers {@code shard1..shardN} with prepared transactions
     * enabled, each a one-node {@code nodes} source of its own in the workspace; with {@link SandboxSpec#shardMembers()}
     * above 1, each shard is instead a Patroni cluster ({@code shardK-node1..M}, scope {@code shardK}) in the sandbox's
     * etcd namespace, which the workspace's etcd source discovers, and {@code up} also waits until each streams.
     *
     * @param progress receives a line per step, for a terminal or a splash screen; never a secret
     * @throws SandboxAlreadyRunningException if the directory's sandbox is (partly) running
     * @throws SandboxException if the directory is unusable, a process fails or the cluster is not
     *                          ready within the timeout; the message ends with the relevant log
     *                          lines, and whatever had started is stopped again
     */
    public SandboxInfo up(SandboxSpec spec, Consumer<String> progress) {
        Consumer<String> logged = line -> {
            LOG.debug("sandbox {}: {}", spec.dir(), line);
            progress.accept(line);
        };
        return spec.plain() ? plainStartup.up(spec, logged) : startup.up(spec, logged);
    }

    /**
     * Stops every process of the sandbox: Patroni members first (they stop PostgreSQL) with the shards, SIGKILL
     * for whatever is left after about 15 s, then HAProxy and etcd. Keeps all files. Idempotent:
     * on a stopped or absent sandbox it reports every process as not running.
     */
    public DownReport down(Path dir) {
        DownReport report = new SandboxTeardown().down(SandboxDirectory.locate(dir));
        if (!report.clean()) {
            LOG.warn("sandbox {}: processes still running after down: {}", dir, report.survivors());
        }
        return report;
    }

    /**
     * {@link #down} and then deletes the directory. Refuses to delete a non-empty directory that
     * holds no sandbox, or one whose processes could not all be stopped.
     */
    public DownReport destroy(Path dir) {
        SandboxLayout layout = SandboxDirectory.locate(dir);
        if (!Files.exists(layout.dir())) {
            return new DownReport(layout.dir(), List.of(), List.of(), 0);
        }
        if (!Files.exists(layout.stateFile()) && !SandboxDirectory.isEmptyDirectory(layout.dir())) {
            throw new SandboxException(layout.dir() + " holds no sandbox (no sandbox.json); not deleting it");
        }
        DownReport report = down(layout.dir());
        if (!report.clean()) {
            throw new SandboxException("Processes " + report.survivors() + " of the sandbox in " + layout.dir()
                    + " are still running; not deleting it");
        }
        SandboxDirectory.deleteRecursively(layout.dir());
        return report;
    }

    /** Which processes of the sandbox are alive now; {@link SandboxStatus.State#ABSENT} if there is none. */
    public SandboxStatus status(Path dir) {
        return SandboxStatusReader.read(SandboxDirectory.locate(dir));
    }

    /** The sandbox's {@code sandbox.json}. */
    public SandboxInfo info(Path dir) {
        return SandboxState.require(SandboxDirectory.locate(dir));
    }

    /**
     * Kills a member as a crash would: SIGKILL to its Patroni and to all of its PostgreSQL
     * processes, so its leader key (if any) stays in etcd until the TTL expires. Returns once they
     * are gone.
     */
    public void kill9Member(Path dir, String member) {
        SandboxInfo info = info(dir);
        List<Long> victims = new ArrayList<>(patroni(info, member));
        victims.addAll(postgres(info, member));
        if (victims.isEmpty()) {
            throw new SandboxException("Member " + member + " of the sandbox in " + info.dir() + " is not running");
        }
        victims.forEach(pid -> ProcessTable.signal(pid, Signal.KILL));
        List<Long> survivors = ProcessTable.awaitExit(victims, STOP_GRACE);
        if (!survivors.isEmpty()) {
            throw new SandboxException("Processes " + survivors + " of " + member + " survived SIGKILL");
        }
    }

    /**
     * Freezes a member (SIGSTOP to Patroni and all its PostgreSQL processes), as a paused VM would
     * be. Returns once every one of them is stopped.
     */
    public void stopMember(Path dir, String member) {
        SandboxInfo info = info(dir);
        List<Long> frozen = new ArrayList<>(requireRunning(info, member, patroni(info, member)));
        frozen.addAll(postgres(info, member));
        frozen.forEach(pid -> ProcessTable.signal(pid, Signal.STOP));
        if (!ProcessTable.awaitStopped(frozen, true, STOP_GRACE)) {
            throw new SandboxException("Processes of " + member + " did not stop within " + STOP_GRACE.toSeconds() + " s");
        }
    }

    /**
     * Thaws a member frozen by {@link #stopMember}: PostgreSQL first, so Patroni wakes to a live
     * server. Returns once none of them is stopped any more.
     */
    public void continueMember(Path dir, String member) {
        SandboxInfo info = info(dir);
        List<Long> thawed = new ArrayList<>(postgres(info, member));
        thawed.addAll(patroni(info, member));
        thawed.forEach(pid -> ProcessTable.signal(pid, Signal.CONT));
        if (!ProcessTable.awaitStopped(thawed, false, STOP_GRACE)) {
            throw new SandboxException("Processes of " + member + " did not continue within " + STOP_GRACE.toSeconds() + " s");
        }
    }

    /**
     * Restarts the Patroni of a member whose Patroni is not running (after {@link #kill9Member}),
     * with the same configuration, ports and data, and waits until its REST API answers. Patroni
     * then starts (or rewinds and starts) PostgreSQL on its own. A no-op if it is running.
     */
    public void startMember(Path dir, String member) {
        SandboxLayout layout = SandboxDirectory.locate(dir);
        SandboxInfo info = SandboxState.require(layout);
        SandboxInfo.Member m = info.requireMember(member);
        if (!patroni(info, member).isEmpty()) {
            return;
        }
        Process patroni = processes.startPatroni(layout, member, info.patroniRuntime().orElseThrow(
                () -> new SandboxException("The sandbox in " + info.dir() + " is plain: it runs no Patroni")));
        SandboxState.write(layout, info.withMember(m.withPatroniPid(patroni.pid())));
        LaunchedProcesses watched = new LaunchedProcesses();
        watched.add(member, ProcessKind.PATRONI, patroni, layout.patroniLog(member), layout.postgresLog(member));
        probe.trust(info);
        probe.awaitRest(member, m.restUrl(), Deadline.in(RESTART_READY), watched);
    }

    /** Stops etcd (SIGTERM, SIGKILL after 10 s), leaving its data; Patroni loses its DCS. A no-op if stopped. */
    public void stopEtcd(Path dir) {
        SandboxInfo info = info(dir);
        if (!ProcessTable.belongsTo(info.etcdPid(), info.dir())) {
            return;
        }
        ProcessTable.signal(info.etcdPid(), Signal.TERM);
        if (!ProcessTable.awaitExit(List.of(info.etcdPid()), STOP_GRACE).isEmpty()) {
            ProcessTable.signal(info.etcdPid(), Signal.KILL);
            ProcessTable.awaitExit(List.of(info.etcdPid()), STOP_GRACE);
        }
    }

    /** Starts etcd again on the same port with the same data and waits until it is healthy. A no-op if running. */
    public void startEtcd(Path dir) {
        SandboxLayout layout = SandboxDirectory.locate(dir);
        SandboxInfo info = SandboxState.require(layout);
        if (ProcessTable.belongsTo(info.etcdPid(), info.dir())) {
            return;
        }
        Process etcd = processes.startEtcd(layout);
        SandboxState.write(layout, info.withEtcdPid(etcd.pid()));
        LaunchedProcesses watched = new LaunchedProcesses();
        watched.add("etcd", ProcessKind.ETCD, etcd, layout.etcdLog());
        probe.trust(info);
        probe.awaitEtcd(info.etcdUrl(), Deadline.in(RESTART_READY), watched);
    }

    /** The OS user the sandbox processes run as ({@code postgres} when the launcher runs as root). */
    public String runAsUser() {
        return user.name();
    }

    private static List<Long> patroni(SandboxInfo info, String member) {
        long pid = info.requireMember(member).patroniPid();
        return ProcessTable.belongsTo(pid, info.dir()) ? List.of(pid) : List.of();
    }

    /** The member's postmaster (live, from postmaster.pid) and every process it forked. */
    private static List<Long> postgres(SandboxInfo info, String member) {
        SandboxInfo.Member m = info.requireMember(member);
        long postmaster = ProcessTable.postmasterPid(m.dataDir());
        if (!ProcessTable.belongsTo(postmaster, info.dir())) {
            postmaster = m.postgresPid();
        }
        if (!ProcessTable.belongsTo(postmaster, info.dir())) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        pids.addAll(ProcessTable.descendants(postmaster));
        return pids;
    }

    private static List<Long> requireRunning(SandboxInfo info, String member, List<Long> pids) {
        if (pids.isEmpty()) {
            throw new SandboxException("Patroni of member " + member + " in " + info.dir() + " is not running");
        }
        return pids;
    }
}
