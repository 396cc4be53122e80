package io.pilothouse.services.sandbox;

import java.util.List;

/**
 * The command line of each sandbox process. Each reads everything from its config file in the
 * sandbox directory, so restarting one ({@code startEtcd}, {@code startMember}) needs no state
 * beyond the directory.
 */
final class SandboxProcesses {

    private final Binaries binaries;
    private final ProcessRunner runner;

    SandboxProcesses(Binaries binaries, ProcessRunner runner) {
        this.binaries = binaries;
        this.runner = runner;
    }

    Process startEtcd(SandboxLayout layout) {
        return runner.start(List.of(binaries.etcd().toString(), "--config-file", layout.etcdConfig().toString()),
                layout.dir(), layout.etcdLog());
    }

    /** Starts a member's Patroni: Debian 12's, or Patroni 4 on Debian 12's python3 ({@link PatroniRuntime}). */
    Process startPatroni(SandboxLayout layout, String member, PatroniRuntime patroni) {
        return runner.start(patroni.command(layout.patroniConfig(member)), layout.memberDir(member),
                layout.patroniLog(member), patroni.environment());
    }

    Process startHaproxy(SandboxLayout layout) {
        // -db: stay in the foreground, so the pid we get is HAProxy's and its log goes to our file.
        return runner.start(List.of(binaries.haproxy().toString(), "-db", "-f", layout.haproxyConfig().toString()),
                layout.dir(), layout.haproxyLog());
    }

    Process startPgbouncer(SandboxLayout layout) {
        // No -d: in the foreground the pid is PgBouncer's and its log goes to our file.
        return runner.start(List.of(binaries.pgbouncer().toString(), layout.pgbouncerConfig().toString()),
                layout.pgbouncerDir(), layout.pgbouncerLog());
    }

    Process startPgpool(SandboxLayout layout) {
        // -n: foreground; -D: forget the node states of a previous run (pgpool_status), the sandbox starts fresh.
        return runner.start(List.of(binaries.pgpool().toString(), "-n", "-D", "-f", layout.pgpoolConfig().toString(),
                        "-F", layout.pcpConfig().toString(), "-a", layout.poolHbaConfig().toString()),
                layout.pgpoolDir(), layout.pgpoolLog());
    }
}
