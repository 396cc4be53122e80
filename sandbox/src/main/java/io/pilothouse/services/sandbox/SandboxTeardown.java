package io.pilothouse.services.sandbox;

import io.pilothouse.services.sandbox.DownReport.Outcome;
import io.pilothouse.services.sandbox.DownReport.Stopped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Stops every process of a sandbox, and only those: pids come from {@code sandbox.json} and the
 * members' {@code postmaster.pid}, each checked to still name the sandbox directory before it is
 * signalled. Order matters: Patroni first (it stops its PostgreSQL cleanly and releases the
 * leader key, for which etcd must still be up) together with the postmasters nobody manages (plain members,
 * shards), then HAProxy, then etcd.
 */
final class SandboxTeardown {

    /**
     * A start failed half-way: stop what was already started (files are kept for the post-mortem) and hand back the
     * original failure, with any failure of the clean-up attached to it.
     */
    static RuntimeException afterFailedStart(SandboxLayout layout, RuntimeException failure, Consumer<String> progress) {
        progress.accept("Start failed; stopping the processes already started (files kept in " + layout.dir() + ")");
        try {
            new SandboxTeardown().down(layout);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }


    private static final Duration PATRONI_GRACE = Duration.ofSeconds(15);
    private static final Duration HAPROXY_GRACE = Duration.ofSeconds(3);
    private static final Duration POOLER_GRACE = Duration.ofSeconds(5);
    private static final Duration ETCD_GRACE = Duration.ofSeconds(5);
    private static final Duration ESTATE_GRACE = Duration.ofSeconds(10);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    /** A process to stop; {@code ours} is false when the pid is gone or now belongs to someone else. */
    private record Target(String component, ProcessKind kind, long pid, boolean ours) {}

    private final Map<Long, Outcome> outcomes = new LinkedHashMap<>();

    DownReport down(SandboxLayout layout) {
        long started = System.nanoTime();
        Path dir = layout.dir();
        Optional<SandboxInfo> info = SandboxState.read(layout);
        List<Target> targets = new ArrayList<>();
        // The estate simulator first: it deletes its keys on the way out, for which etcd must still be up.
        EstateSandbox.read(layout).ifPresent(e -> targets.add(target("estate", ProcessKind.ESTATE, e.pid(), dir)));
        info.ifPresent(i -> targets.addAll(recorded(i, layout)));
        targets.addAll(strays(dir, targets));

        List<Target> ours = targets.stream().filter(Target::ours).toList();
        targets.stream().filter(t -> !t.ours()).forEach(t -> outcomes.putIfAbsent(t.pid(), Outcome.NOT_RUNNING));
        ours.forEach(t -> outcomes.put(t.pid(), Outcome.STOPPED));

        // A frozen (SIGSTOPped) process cannot act on SIGTERM; thaw everything first.
        Set<Long> children = descendantsOf(ours);
        Stream.concat(pids(ours).stream(), children.stream()).forEach(pid -> ProcessTable.signal(pid, Signal.CONT));

        stop(of(ours, ProcessKind.ESTATE), ESTATE_GRACE, true);
        List<Target> members = of(ours, ProcessKind.PATRONI, ProcessKind.POSTGRES);
        for (Target t : members) {
            if (t.kind() == ProcessKind.PATRONI) {
                ProcessTable.signal(t.pid(), Signal.TERM);
            } else if (!patroniRunning(ours, t.component())) {
                // Nobody will stop this postmaster for us; SIGINT is PostgreSQL's fast shutdown.
                ProcessTable.signal(t.pid(), Signal.INT);
            }
        }
        // The poolers first: they hold connections to the members and HAProxy. SIGINT is Pgpool's fast shutdown
        // (SIGTERM waits for its clients) and PgBouncer's safe one (it has no clients left to wait for by then).
        List<Target> poolers = of(ours, ProcessKind.PGBOUNCER, ProcessKind.PGPOOL);
        poolers.forEach(t -> ProcessTable.signal(t.pid(), t.kind() == ProcessKind.PGPOOL ? Signal.INT : Signal.TERM));
        stop(poolers, POOLER_GRACE, false);
        stop(members, PATRONI_GRACE, false);
        stop(of(ours, ProcessKind.HAPROXY), HAPROXY_GRACE, true);
        stop(of(ours, ProcessKind.ETCD), ETCD_GRACE, true);

        // Backends notice their postmaster's death on their own, but only eventually.
        Set<Long> leftovers = new LinkedHashSet<>(children);
        info.ifPresent(i -> dataDirs(i).forEach(dataDir -> {
            long current = ProcessTable.postmasterPid(dataDir);
            if (ProcessTable.belongsTo(current, dir)) {
                leftovers.add(current);
            }
        }));
        killAfter(leftovers, AFTER_KILL);

        List<Long> survivors = Stream.concat(pids(ours).stream(), leftovers.stream())
                .distinct().filter(ProcessTable::isRunning).toList();
        List<Stopped> report = targets.stream()
                .map(t -> new Stopped(t.component(), t.kind(), t.pid(), outcomes.get(t.pid())))
                .distinct()
                .toList();
        return new DownReport(dir, report, survivors, (System.nanoTime() - started) / 1_000_000);
    }

    /** Sends TERM unless already signalled, waits {@code grace}, then kills what is left. */
    private void stop(List<Target> targets, Duration grace, boolean sendTerm) {
        if (targets.isEmpty()) {
            return;
        }
        if (sendTerm) {
            targets.forEach(t -> ProcessTable.signal(t.pid(), Signal.TERM));
        }
        Set<Long> children = descendantsOf(targets);
        List<Long> stubborn = ProcessTable.awaitExit(pids(targets), grace);
        stubborn.forEach(pid -> {
            outcomes.put(pid, Outcome.KILLED);
            ProcessTable.signal(pid, Signal.KILL);
        });
        children.forEach(pid -> ProcessTable.signal(pid, Signal.KILL));
        ProcessTable.awaitExit(stubborn, AFTER_KILL);
    }

    private static void killAfter(Collection<Long> pids, Duration grace) {
        List<Long> stubborn = ProcessTable.awaitExit(pids, grace);
        stubborn.forEach(pid -> ProcessTable.signal(pid, Signal.KILL));
        ProcessTable.awaitExit(stubborn, AFTER_KILL);
    }

    private static List<Target> recorded(SandboxInfo info, SandboxLayout layout) {
        Path dir = layout.dir();
        List<Target> targets = new ArrayList<>();
        for (SandboxInfo.Member m : patroniMembers(info)) {
            targets.add(target(m.name(), ProcessKind.PATRONI, m.patroniPid(), dir));
            Set<Long> postmasters = new LinkedHashSet<>(List.of(m.postgresPid(), ProcessTable.postmasterPid(m.dataDir())));
            postmasters.stream().filter(pid -> pid > 0)
                    .forEach(pid -> targets.add(target(m.name(), ProcessKind.POSTGRES, pid, dir)));
        }
        for (SandboxInfo.Shard s : info.shards().stream().filter(s -> !s.patroni()).toList()) {
            // No Patroni for a standalone shard: down sends its postmaster SIGINT (fast shutdown) itself.
            Set<Long> postmasters = new LinkedHashSet<>(List.of(s.postgresPid(), ProcessTable.postmasterPid(s.dataDir())));
            postmasters.stream().filter(pid -> pid > 0)
                    .forEach(pid -> targets.add(target(s.name(), ProcessKind.POSTGRES, pid, dir)));
        }
        if (info.haproxy() != null) {
            targets.add(target("haproxy", ProcessKind.HAPROXY, info.haproxy().pid(), dir));
        }
        if (info.pgbouncer() != null) {
            targets.add(target("pgbouncer", ProcessKind.PGBOUNCER, info.pgbouncer().pid(), dir));
        }
        if (info.pgpool() != null) {
            targets.add(target("pgpool", ProcessKind.PGPOOL, info.pgpool().pid(), dir));
        }
        targets.add(target("etcd", ProcessKind.ETCD, info.etcdPid(), dir));
        return targets.stream().filter(t -> t.pid() > 0).toList();
    }

    /** The data directories of every PostgreSQL server of the sandbox: the members' and the shards'. */
    private static List<Path> dataDirs(SandboxInfo info) {
        return Stream.concat(patroniMembers(info).stream().map(SandboxInfo.Member::dataDir),
                info.shards().stream().filter(s -> !s.patroni()).map(SandboxInfo.Shard::dataDir)).toList();
    }

    /** The members of the cluster and of every shard cluster (a plain sandbox's members have no Patroni pid). */
    private static List<SandboxInfo.Member> patroniMembers(SandboxInfo info) {
        return Stream.concat(info.members().stream(), info.shards().stream().flatMap(s -> s.members().stream()))
                .toList();
    }

    /**
     * Sandbox processes that {@code sandbox.json} does not list: a Patroni restarted by hand, a
     * pg_basebackup of a member being created. Only the sandbox's own programs qualify, so a
     * {@code tail -f DIR/logs/…} in someone's terminal is left alone.
     */
    private static List<Target> strays(Path dir, List<Target> known) {
        Set<Long> knownPids = new LinkedHashSet<>(pids(known));
        List<Target> strays = new ArrayList<>();
        for (long pid : ProcessTable.mentioning(dir)) {
            if (knownPids.contains(pid)) {
                continue;
            }
            String line = ProcessTable.commandLine(pid).orElse("");
            kindOf(line).ifPresent(kind -> strays.add(new Target("stray", kind, pid, true)));
        }
        return strays;
    }

    static Optional<ProcessKind> kindOf(String commandLine) {
        String[] words = commandLine.split(" ");
        for (int i = 0; i < Math.min(2, words.length); i++) {
            String program = Path.of(words[i]).getFileName() == null ? "" : Path.of(words[i]).getFileName().toString();
            switch (program) {
                case "patroni":
                    return Optional.of(ProcessKind.PATRONI);
                case "etcd":
                    return Optional.of(ProcessKind.ETCD);
                case "haproxy":
                    return Optional.of(ProcessKind.HAPROXY);
                case "pgbouncer":
                    return Optional.of(ProcessKind.PGBOUNCER);
                case "pgpool":
                    return Optional.of(ProcessKind.PGPOOL);
                case "postgres", "pg_basebackup", "pg_rewind", "pg_ctl", "initdb", "psql", "post_bootstrap.py":
                    return Optional.of(ProcessKind.POSTGRES);
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    private static Target target(String component, ProcessKind kind, long pid, Path dir) {
        return new Target(component, kind, pid, ProcessTable.belongsTo(pid, dir));
    }

    private static boolean patroniRunning(List<Target> ours, String member) {
        return ours.stream().anyMatch(t -> t.kind() == ProcessKind.PATRONI && t.component().equals(member));
    }

    private static List<Target> of(List<Target> targets, ProcessKind... kinds) {
        Set<ProcessKind> wanted = Set.of(kinds);
        return targets.stream().filter(t -> wanted.contains(t.kind())).toList();
    }

    private static List<Long> pids(Collection<Target> targets) {
        return targets.stream().map(Target::pid).distinct().toList();
    }

    private static Set<Long> descendantsOf(Collection<Target> targets) {
        Set<Long> all = new LinkedHashSet<>();
        targets.forEach(t -> all.addAll(ProcessTable.descendants(t.pid())));
        return all;
    }
}
