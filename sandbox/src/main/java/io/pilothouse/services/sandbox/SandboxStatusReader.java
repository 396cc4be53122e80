package io.pilothouse.services.sandbox;

import io.pilothouse.services.sandbox.SandboxStatus.ProcessStatus;
import io.pilothouse.services.sandbox.SandboxStatus.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link SandboxStatus} from {@code sandbox.json} and the live process table. */
final class SandboxStatusReader {

    private SandboxStatusReader() {}

    static SandboxStatus read(SandboxLayout layout) {
        Optional<SandboxInfo> info = SandboxState.read(layout);
        if (info.isEmpty()) {
            return new SandboxStatus(layout.dir(), State.ABSENT, List.of());
        }
        Path dir = info.get().dir();
        List<ProcessStatus> processes = new ArrayList<>();
        boolean plain = info.get().plain();
        if (!plain) {
            processes.add(status("etcd", ProcessKind.ETCD, info.get().etcdPid(), dir));
        }
        for (SandboxInfo.Member m : info.get().members()) {
            if (!plain) {
                processes.add(status(m.name(), ProcessKind.PATRONI, m.patroniPid(), dir));
            }
            // Patroni restarts PostgreSQL (demotion, restart, crash recovery): ask the data directory.
            long postmaster = ProcessTable.postmasterPid(m.dataDir());
            processes.add(status(m.name(), ProcessKind.POSTGRES, postmaster > 0 ? postmaster : m.postgresPid(), dir));
        }
        for (SandboxInfo.Shard s : info.get().shards()) {
            for (SandboxInfo.Member m : s.members()) {
                processes.add(status(m.name(), ProcessKind.PATRONI, m.patroniPid(), dir));
                long postmaster = ProcessTable.postmasterPid(m.dataDir());
                processes.add(status(m.name(), ProcessKind.POSTGRES, postmaster > 0 ? postmaster : m.postgresPid(),
                        dir));
            }
            if (s.patroni()) {
                continue;
            }
            long postmaster = ProcessTable.postmasterPid(s.dataDir());
            processes.add(status(s.name(), ProcessKind.POSTGRES, postmaster > 0 ? postmaster : s.postgresPid(), dir));
        }
        if (info.get().haproxy() != null) {
            processes.add(status("haproxy", ProcessKind.HAPROXY, info.get().haproxy().pid(), dir));
        }
        if (info.get().pgbouncer() != null) {
            processes.add(status("pgbouncer", ProcessKind.PGBOUNCER, info.get().pgbouncer().pid(), dir));
        }
        if (info.get().pgpool() != null) {
            processes.add(status("pgpool", ProcessKind.PGPOOL, info.get().pgpool().pid(), dir));
        }
        EstateSandbox.read(layout).ifPresent(e -> processes.add(status("estate", ProcessKind.ESTATE, e.pid(), dir)));
        long alive = processes.stream().filter(ProcessStatus::alive).count();
        State state = alive == processes.size() ? State.RUNNING : alive == 0 ? State.STOPPED : State.DEGRADED;
        return new SandboxStatus(dir, state, processes,
                info.get().patroniRuntime().map(PatroniRuntime::describe).orElse(null));
    }

    private static ProcessStatus status(String component, ProcessKind kind, long pid, Path dir) {
        return new ProcessStatus(component, kind, pid, ProcessTable.belongsTo(pid, dir));
    }
}
