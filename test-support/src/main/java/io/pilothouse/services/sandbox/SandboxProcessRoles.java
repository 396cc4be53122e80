package io.pilothouse.services.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The live pids of a sandbox's processes by role, read from the sandbox's own process table ({@code sandbox.json},
 * {@code postmaster.pid}, {@code /proc}), and signals to them. Every pid is checked to belong to the sandbox
 * directory before it is returned, so a recycled pid is never signalled. For the fault harness
 * ({@code io.pilothouse.services.faults}), which lives outside this package.
 */
public final class SandboxProcessRoles {

    private SandboxProcessRoles() {}

    /** The postmaster of {@code member} (live, from its {@code postmaster.pid}), or 0 when none runs. */
    public static long postmaster(Path dir, String member) {
        SandboxInfo info = info(dir);
        SandboxInfo.Member m = info.requireMember(member);
        long pid = ProcessTable.postmasterPid(m.dataDir());
        if (!ProcessTable.belongsTo(pid, info.dir())) {
            pid = m.postgresPid();
        }
        return ProcessTable.belongsTo(pid, info.dir()) ? pid : 0;
    }

    /** The postmaster of {@code member} and every process it forked; empty when it does not run. */
    public static List<Long> postgres(Path dir, String member) {
        long postmaster = postmaster(dir, member);
        if (postmaster == 0) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        pids.addAll(ProcessTable.descendants(postmaster));
        return pids;
    }

    /** The Patroni daemon of {@code member}, or an empty list when it does not run. */
    public static List<Long> patroni(Path dir, String member) {
        SandboxInfo info = info(dir);
        long pid = info.requireMember(member).patroniPid();
        return ProcessTable.belongsTo(pid, info.dir()) ? List.of(pid) : List.of();
    }

    /** The etcd server, or an empty list when it does not run. */
    public static List<Long> etcd(Path dir) {
        SandboxInfo info = info(dir);
        return ProcessTable.belongsTo(info.etcdPid(), info.dir()) ? List.of(info.etcdPid()) : List.of();
    }

    /** Sends SIGKILL to each pid and waits until all are gone; false if some survived {@code timeout}. */
    public static boolean kill9(Collection<Long> pids, Duration timeout) {
        pids.forEach(pid -> ProcessTable.signal(pid, Signal.KILL));
        return ProcessTable.awaitExit(pids, timeout).isEmpty();
    }

    /** Sends SIGSTOP to each pid and waits until all are stopped (state {@code T}). */
    public static boolean freeze(Collection<Long> pids, Duration timeout) {
        pids.forEach(pid -> ProcessTable.signal(pid, Signal.STOP));
        return ProcessTable.awaitStopped(pids, true, timeout);
    }

    /** Sends SIGCONT to each pid and waits until none is stopped any more. */
    public static boolean thaw(Collection<Long> pids, Duration timeout) {
        pids.forEach(pid -> ProcessTable.signal(pid, Signal.CONT));
        return ProcessTable.awaitStopped(pids, false, timeout);
    }

    /** Whether {@code pid} runs (zombies count as dead). */
    public static boolean running(long pid) {
        return ProcessTable.isRunning(pid);
    }

    /** The directory of {@code member}'s Patroni configuration, logs and data. */
    public static Path memberDir(Path dir, String member) {
        info(dir).requireMember(member);
        return SandboxDirectory.locate(dir).memberDir(member);
    }

    /** {@code member}'s {@code patroni.yml}. */
    public static Path patroniConfig(Path dir, String member) {
        info(dir).requireMember(member);
        return SandboxDirectory.locate(dir).patroniConfig(member);
    }

    /** {@code member}'s PostgreSQL server log. */
    public static Path postgresLog(Path dir, String member) {
        info(dir).requireMember(member);
        return SandboxDirectory.locate(dir).postgresLog(member);
    }

    private static SandboxInfo info(Path dir) {
        return SandboxState.require(SandboxDirectory.locate(dir));
    }
}
