package io.pilothouse.services.sandbox;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Starts the sandbox's PgBouncer and Pgpool-II ({@code --poolers}) once the cluster and HAProxy are ready, and waits
 * until each lets the superuser log in through it to the cluster.
 */
final class PoolerStartup {

    static final Duration READY = Duration.ofSeconds(30);

    private final SandboxProcesses processes;

    PoolerStartup(SandboxProcesses processes) {
        this.processes = processes;
    }

    SandboxInfo start(SandboxPlan plan, SandboxInfo info, Credentials credentials, LaunchedProcesses watched,
                      Consumer<String> progress) {
        SandboxPlan.PoolerPlan ports = plan.poolers();
        SandboxLayout layout = plan.layout();
        progress.accept("Starting PgBouncer on " + ports.pgbouncerPort() + " (to HAProxy's write port "
                + plan.haproxy().writePort() + ") and Pgpool-II on " + ports.pgpoolPort() + " (PCP "
                + ports.pcpPort() + ")");
        Process pgbouncer = processes.startPgbouncer(layout);
        watched.add("pgbouncer", ProcessKind.PGBOUNCER, pgbouncer, layout.pgbouncerLog());
        SandboxInfo updated = info.withPoolers(
                new SandboxInfo.Pgbouncer(ports.pgbouncerPort(), PoolerCredentials.PGBOUNCER_ADMIN, pgbouncer.pid()),
                new SandboxInfo.Pgpool(ports.pgpoolPort(), ports.pcpPort(), PoolerCredentials.PCP_ADMIN, 0));
        SandboxState.write(layout, updated);
        Process pgpool = processes.startPgpool(layout);
        watched.add("pgpool", ProcessKind.PGPOOL, pgpool, layout.pgpoolLog());
        updated = updated.withPoolers(updated.pgbouncer(), updated.pgpool().withPid(pgpool.pid()));
        SandboxState.write(layout, updated);
        Deadline deadline = Deadline.in(READY);
        LocalPostgres.awaitLogin("pgbouncer", SandboxPlan.HOST, ports.pgbouncerPort(), credentials, watched,
                deadline);
        LocalPostgres.awaitLogin("pgpool", SandboxPlan.HOST, ports.pgpoolPort(), credentials, watched, deadline);
        return updated;
    }
}
