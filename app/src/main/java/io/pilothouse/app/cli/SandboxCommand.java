package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.DownReport;
import io.pilothouse.services.sandbox.PatroniRelease;
import io.pilothouse.services.sandbox.ProcessKind;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.sandbox.SandboxStatus;
import io.pilothouse.services.sandbox.SandboxSync;
import io.pilothouse.services.sandbox.SandboxUnsupportedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pilothouse sandbox up|down|status|workload}: a real etcd + Patroni + PostgreSQL cluster on loopback, optionally
 * with standalone shard servers, and workloads against it.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Start, stop or inspect a local sandbox cluster (etcd, Patroni, PostgreSQL 15 on loopback).",
        subcommands = {SandboxCommand.Up.class, SandboxCommand.Down.class, SandboxCommand.Status.class,
            SandboxSchemaCommand.class, SandboxWorkloadCommand.class, SandboxEstateCommand.class})
public final class SandboxCommand implements Runnable {

    /** Exit status for options that cannot work together or with the installed software. */
    static final int BAD_INPUT = 2;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start a sandbox and wait until it streams.")
    static final class Up implements Callable<Integer> {
        @Mixin
        SandboxDirOption dir;

        @Option(names = "--members", defaultValue = "3", converter = NumericOptions.Positive.class, description = "Patroni members (default: ${DEFAULT-VALUE}).")
        int members;

        @Option(names = "--scope", defaultValue = "demo", description = "Cluster scope (default: ${DEFAULT-VALUE}).")
        String scope;

        @Option(names = "--namespace", defaultValue = "/service/", description = "etcd namespace (default: ${DEFAULT-VALUE}).")
        String namespace;

        @Option(names = "--haproxy", description = "Also start HAProxy with a write port and a read port.")
        boolean haproxy;

        @Option(names = "--poolers", description = "Also start PgBouncer in front of HAProxy's write port and "
                + "Pgpool-II (streaming-replication mode, health checks on) beside it; implies --haproxy.")
        boolean poolers;

        @Option(names = "--plain", description = "A plain streaming-replication cluster instead: a primary, a standby "
                + "and a cascading standby behind it, with slots; no Patroni, etcd or HAProxy.")
        boolean plain;

        @Option(names = "--shards", paramLabel = "N", defaultValue = "0", converter = NumericOptions.NonNegative.class,
                description = "Also start N standalone PostgreSQL servers shard1..shardN with prepared transactions "
                        + "enabled (0 to " + SandboxSpec.MAX_SHARDS + ", default: ${DEFAULT-VALUE}).")
        int shards;

        @Option(names = "--shard-members", paramLabel = "M", defaultValue = "1",
                converter = NumericOptions.Positive.class,
                description = "With --shards: members per shard (1 to " + SandboxSpec.MAX_SHARD_MEMBERS + ", default: "
                        + "${DEFAULT-VALUE}); more than 1 makes each shard a Patroni cluster of its own, scope shardK in "
                        + "the same etcd namespace, that the coordinator follows through switchovers.")
        int shardMembers;

        @Option(names = "--rows", paramLabel = "R", defaultValue = "1000000",
                converter = NumericOptions.NonNegativeLong.class,
                description = "With --shards: rows of the sharded demo schema built after start, 4/5 orders and 1/5 "
                        + "events (default: ${DEFAULT-VALUE}; 0 for empty tables).")
        long rows;

        @Option(names = "--sync", paramLabel = "MODE",
                description = "Synchronous replication to bootstrap with: on (synchronous_mode: true), strict (also "
                        + "synchronous_mode_strict: writes block without a sync standby), quorum (synchronous_mode: "
                        + "quorum, Patroni 4.0+ only) or off (default).")
        String sync;

        @Option(names = "--sync-count", paramLabel = "N", converter = NumericOptions.Positive.class,
                description = "With --sync: synchronous_node_count, how many standbys confirm each commit (default 1).")
        Integer syncCount;

        @Option(names = "--patroni", paramLabel = "3|4", defaultValue = "3",
                description = "Which Patroni the members run: 3 (Debian 12's 3.0.2, the default) or 4 (Debian 13's "
                        + "4.0.7, fetched with a private apt configuration and unpacked into the cache on first use; "
                        + "the machine's packages are not changed).")
        String patroni;

        @Option(names = "--cascade", description = "Tag the last member 'replicatefrom: node2': it streams from the "
                + "second member, not the leader (a Patroni cascade; at least 3 members).")
        boolean cascade;

        @Option(names = "--tls", description = "TLS everywhere, verified: a CA and 2-day server and client "
                + "certificates in DIR/tls, PostgreSQL with ssl=on (hostssl only), etcd over https with client "
                + "certificates and auth enabled, Patroni's REST API over https; workspace.yaml names the files "
                + "(sslmode verify-full), passwords stay in DIR/pgpass.")
        boolean tls;

        @Option(names = "--json", description = "Print the endpoints as JSON.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PatroniRelease release;
            try {
                release = PatroniRelease.fromOption(patroni);
            } catch (IllegalArgumentException e) {
                throw new UserException("--patroni: " + e.getMessage(), 2);
            }
            if (rows < 0) {
                throw new UserException("--rows cannot be negative", UserErrors.FAILED);
            }
            PrintWriter err = spec.commandLine().getErr();
            SandboxSpec s;
            try {
                s = SandboxSpec.defaults(dir.resolve()).withMembers(members).withScope(scope)
                        .withNamespace(namespace).withHaproxy(haproxy && !plain).withPlain(plain).withShards(shards)
                        .withShardMembers(shardMembers).withPatroni(release)
                        .withSync(SandboxSync.parse(sync, syncCount)).withCascade(cascade).withPoolers(poolers)
                        .toBuilder().tls(tls).build();
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), BAD_INPUT);
            }
            long t0 = System.nanoTime();
            SandboxInfo info;
            try {
                info = new SandboxLauncher().up(s, line -> {
                    err.println("  " + line);
                    err.flush();
                });
            } catch (SandboxUnsupportedException e) {
                throw new UserException(e.getMessage(), BAD_INPUT);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.pretty(info));
            } else {
                out.print(SandboxText.describe(info));
                out.printf("ready in %.1f s; stop it with: ./pilothouse sandbox down --dir %s%n", ms / 1000.0,
                        s.dir());
            }
            out.flush();
            if (shards > 0) {
                // With --json, stdout stays one JSON document; the schema summary goes to stderr.
                SandboxSchemaCommand.create(info, rows, json ? err : out, err);
            }
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop every process the sandbox started.")
    static final class Down implements Callable<Integer> {
        @Mixin
        SandboxDirOption dir;

        @Option(names = "--destroy", description = "Also delete the sandbox directory.")
        boolean destroy;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SandboxLauncher launcher = new SandboxLauncher();
            Path d = dir.resolve();
            DownReport report = destroy ? launcher.destroy(d) : launcher.down(d);
            spec.commandLine().getOut().println(SandboxText.describe(report));
            return report.clean() ? 0 : UserErrors.FAILED;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show endpoints and what is running "
            + "(exit 0 only when every process runs; 1 when degraded, stopped or absent).")
    static final class Status implements Callable<Integer> {
        @Mixin
        SandboxDirOption dir;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SandboxLauncher launcher = new SandboxLauncher();
            SandboxStatus status = launcher.status(dir.resolve());
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Json.pretty(status) : status.state().name().toLowerCase() + ": " + status.summary());
            if (!json && status.state() != SandboxStatus.State.ABSENT) {
                SandboxInfo info = launcher.info(dir.resolve());
                if (info.pgbouncer() != null) {
                    out.printf("  %-10s  127.0.0.1:%d  admin user %s  %s%n", "pgbouncer", info.pgbouncer().port(),
                            info.pgbouncer().adminUser(),
                            status.isAlive("pgbouncer", ProcessKind.PGBOUNCER) ? "running" : "down");
                }
                if (info.pgpool() != null) {
                    out.printf("  %-10s  127.0.0.1:%d  PCP port %d  %s%n", "pgpool", info.pgpool().port(),
                            info.pgpool().pcpPort(), status.isAlive("pgpool", ProcessKind.PGPOOL) ? "running" : "down");
                }
                io.pilothouse.services.sandbox.EstateSandbox.of(dir.resolve()).ifPresent(e -> out.printf(
                        "  %-10s  %d clusters x %d members under %s, %s changes/s  %s%n", "estate", e.clusters(),
                        e.members(), e.namespace(), e.rate(),
                        status.isAlive("estate", ProcessKind.ESTATE) ? "running" : "down"));
                for (SandboxInfo.Shard s : info.shards()) {
                    if (s.patroni()) {
                        for (SandboxInfo.Member m : s.members()) {
                            out.printf("  %-10s  %-14s  postgres %s:%d  patroni %s  %s%n", s.name(), m.name(),
                                    m.pgHost(), m.pgPort(), m.restUrl(),
                                    status.isAlive(m.name(), ProcessKind.PATRONI) ? "running" : "down");
                        }
                        continue;
                    }
                    out.printf("  %-10s  postgres %s:%d  %s%n", s.name(), s.pgHost(), s.pgPort(),
                            status.isAlive(s.name(), ProcessKind.POSTGRES) ? "running" : "down");
                }
            }
            // A status check passes only when everything runs: degraded, stopped or absent is a failed check.
            return status.state() == SandboxStatus.State.RUNNING ? 0 : UserErrors.FAILED;
        }
    }
}
