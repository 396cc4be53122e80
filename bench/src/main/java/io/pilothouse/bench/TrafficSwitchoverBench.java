package io.pilothouse.bench;

import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.services.credentials.PgPassLookup;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.Outcome;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.SwitchoverService;
import io.pilothouse.services.switchover.SwitchoverSettings;
import io.pilothouse.services.switchover.Switchovers;
import io.pilothouse.services.switchover.WriteProbe;
import io.pilothouse.services.switchover.WriteProbeResult;
import io.pilothouse.services.testing.ClientLoad;
import io.pilothouse.services.trafficops.HaproxyRuntime;
import io.pilothouse.services.trafficops.HaproxyWriteSteer;
import io.pilothouse.services.trafficops.HoldJournal;
import io.pilothouse.services.trafficops.PgBouncerAddress;
import io.pilothouse.services.trafficops.PgBouncerAdmin;
import io.pilothouse.services.trafficops.PgBouncerClientHold;
import io.pilothouse.services.trafficops.PgBouncerConnector;
import io.pilothouse.services.trafficops.PoolerTarget;
import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.pilothouse.bench.Percentiles.median;
import static io.pilothouse.bench.BenchArgs.intArg;
import static io.pilothouse.bench.BenchArgs.stringArg;

/**
 * Switchovers clients do not notice, side by side in one run on one {@code --poolers} sandbox: application-like
 * clients commit small transactions ({@code SELECT txid_current()}) through PgBouncer (transaction pooling, on
 * HAProxy's write port) while, rotating, the methods of {@code --methods} (default
 * {@code held,patronictl,held-unsteered}) switch over: {@code held} = Pilothouse's switchover with clients held at
 * PgBouncer and HAProxy steered to the candidate once it accepts writes (as {@code switchover --hold-clients} does
 * with a workspace that names HAProxy's socket), {@code patronictl} = {@code patronictl switchover --force},
 * {@code held-unsteered} = the hold without the HAProxy steering, {@code held+checkpoint} = the unsteered hold plus
 * a CHECKPOINT on the leader first. The candidate is always the next member after the leader and the methods' order
 * turns each round, so every method promotes every member in turn.
 *
 * <p>Per run: failed client transactions and the longest client commit (from the clients), PgBouncer's longest
 * client wait (sampled {@code maxwait}, held runs), and write unavailability measured by an independent
 * {@link WriteProbe} committing directly on the primary every 50 ms (longest gap between acknowledged writes).
 * A background writer dirties pages so the demoted leader's shutdown checkpoint has work. Prints figures and
 * ratios; never fails on a time.
 *
 * <p>Run: {@code mvn -Pbench -pl bench -am -DskipTests verify -Dbench.main=io.pilothouse.bench.TrafficSwitchoverBench
 * [-Dbench.args="--runs 10 --clients 8 --methods held,patronictl"]}; or {@code java -cp <bench classpath>
 * io.pilothouse.bench.TrafficSwitchoverBench …} when exec-maven-plugin is not in the local repository.
 */
public final class TrafficSwitchoverBench {

    /** How many runs per method print the operation's progress steps. */
    private static final int TIMELINES = 2;
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
    private static final String DATABASE = "app";
    private static final List<String> METHODS = List.of("held", "patronictl", "held-unsteered", "held+checkpoint");

    private SandboxInfo sandbox;
    private EstateMonitor monitor;
    private String source;
    private ClientLoad clients;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-traffic");
        t.setDaemon(true);
        return t;
    });

    private record Run(String method, int index, String from, String to, boolean ok, String note,
                       WriteProbeResult probe, long commits, long failed, long longestCommitMs, Long maxwaitMs,
                       String firstError) {
    }

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 10);
        int clientCount = intArg(args, "--clients", 8);
        List<String> methods = List.of(stringArg(args, "--methods", "held,patronictl,held-unsteered").split(","));
        for (String m : methods) {
            if (!METHODS.contains(m)) {
                System.err.println("unknown method " + m + "; known: " + String.join(", ", METHODS));
                System.exit(2);
            }
        }
        new TrafficSwitchoverBench().run(runs, clientCount, methods);
        System.exit(0);
    }

    private void run(int runs, int clientCount, List<String> methods) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "traffic-ops-bench-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxLauncher launcher = new SandboxLauncher();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launcher.destroy(dir), "bench-sandbox-cleanup"));
        System.out.println("starting a 3-member sandbox with HAProxy and poolers in " + dir + " ...");
        long t0 = System.nanoTime();
        sandbox = launcher.up(SandboxSpec.defaults(dir).withHaproxy(true).withPoolers(true), line -> { });
        System.out.printf("sandbox up in %.1f s (scope %s, members %s, PgBouncer on %d)%n",
                (System.nanoTime() - t0) / 1e9, sandbox.scope(),
                sandbox.members().stream().map(SandboxInfo.Member::name).toList(), sandbox.pgbouncer().port());
        List<Run> all = new ArrayList<>();
        AtomicBoolean dirtying = new AtomicBoolean(true);
        try (LiveExecutors executors = LiveExecutors.create()) {
            Workspace ws = new WorkspaceLoader().load(sandbox.workspaceFile());
            source = ws.sources().get(0).name();
            monitor = new EstateMonitor(ws, executors, LiveSettings.DEFAULTS,
                    PasswordLookup.through(new CredentialResolver(List.of(PgPassLookup.current()),
                            PasswordPrompt.NON_INTERACTIVE)), Clock.systemUTC());
            monitor.start();
            monitor.awaitSettled(Duration.ofSeconds(30));
            awaitHealthy(null);
            prepare();
            SwitchoverService service = Switchovers.on(monitor, executors, LiveSettings.DEFAULTS,
                    OperationGuard.gateOnly(new MutationGate(false, new JsonLinesAuditLog(dir.resolve("audit.jsonl")))),
                    c -> null, new SwitchoverSettings(Duration.ofSeconds(5), Duration.ofSeconds(40),
                            Duration.ofSeconds(90), PROBE_INTERVAL));
            String appPassword = SandboxConnections.password(sandbox.passfile(), "127.0.0.1",
                    sandbox.haproxy().writePort(), DATABASE, sandbox.appUser()).orElseThrow();
            clients = ClientLoad.start("127.0.0.1", sandbox.pgbouncer().port(), DATABASE, sandbox.appUser(),
                    appPassword, clientCount, 20);
            threads.submit(() -> dirty(dirtying));
            Thread.sleep(3000);
            System.out.println();
            System.out.printf("%d runs per method, rotating; %d clients through PgBouncer, each committing SELECT "
                    + "txid_current() every 20 ms; probe: the same every %d ms directly on the primary%n", runs,
                    clientCount, PROBE_INTERVAL.toMillis());
            System.out.println("method          run  from -> to       probe gap  client commits/failed  longest "
                    + "commit  pgbouncer maxwait");
            System.out.println("load average at start: " + loadAverage());
            for (int i = 0; i < runs; i++) {
                int run = i;
                // The methods' order turns each round, so with as many methods as members every method promotes
                // every member in turn (the candidate is always the member after the leader).
                for (int k = 0; k < methods.size(); k++) {
                    String m = methods.get((k + run) % methods.size());
                    all.add(guarded(m, run, (from, to) -> m.equals("patronictl") ? viaPatronictl(run, from, to)
                            : viaService(service, m, run, from, to, m.equals("held+checkpoint"),
                            m.equals("held"))));
                }
            }
            System.out.println("load average at end: " + loadAverage());
        } finally {
            dirtying.set(false);
            if (clients != null) {
                clients.close();
            }
            threads.shutdownNow();
            if (monitor != null) {
                monitor.close();
            }
            System.out.println();
            summary(all, runs, methods);
            System.out.println();
            System.out.println("stopping the sandbox: clean=" + launcher.destroy(dir).clean());
        }
    }

    /** A table for the dirtier, and pg_checkpoint for the workspace's role (the CHECKPOINT needs it). */
    private void prepare() throws Exception {
        String leader = cluster().leader();
        try (Connection c = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), DATABASE);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_dirty (id bigint, pad text)");
            s.execute("GRANT pg_checkpoint TO " + sandbox.monitorUser());
        }
    }

    /** Dirties pages on the primary (through HAProxy's write port), so a shutdown checkpoint has work. */
    private void dirty(AtomicBoolean running) {
        Connection c = null;
        while (running.get()) {
            try {
                if (c == null) {
                    c = SandboxConnections.connect(sandbox, "127.0.0.1", sandbox.haproxy().writePort(),
                            sandbox.superuser(), DATABASE);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO bench_dirty SELECT g, repeat('x', 200) FROM generate_series(1, 2000) g");
                    s.execute("DELETE FROM bench_dirty WHERE id % 3 = 0");
                }
                Thread.sleep(100);
            } catch (Exception e) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception ignored) {
                    // broken connection
                }
                c = null;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @FunctionalInterface
    private interface Method {
        Run run(String from, String to) throws Exception;
    }

    private Run guarded(String name, int index, Method method) {
        String from = "?";
        String to = "?";
        Run r;
        try {
            ClusterSnapshot c = awaitHealthy(null);
            from = c.leader();
            List<String> names = sandbox.members().stream().map(SandboxInfo.Member::name).toList();
            to = names.get((names.indexOf(from) + 1) % names.size());
            r = method.run(from, to);
        } catch (Exception e) {
            r = new Run(name, index, from, to, false, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    WriteProbeResult.NOT_MEASURED, 0, 0, 0, null, null);
        }
        print(r);
        try {
            awaitHealthy(null);
            Thread.sleep(2000);
        } catch (Exception e) {
            System.out.println("  cluster not healthy after the run: " + e.getMessage());
        }
        return r;
    }

    private PgBouncerConnector console() {
        PgBouncerAddress a = new PgBouncerAddress("127.0.0.1", sandbox.pgbouncer().port(),
                sandbox.pgbouncer().adminUser());
        String password = SandboxConnections.password(sandbox.passfile(), "127.0.0.1", a.port(), "pgbouncer",
                a.user()).orElseThrow();
        return new PgBouncerConnector() {
            @Override
            public PgBouncerAddress address() {
                return a;
            }

            @Override
            public PgBouncerAdmin open() throws io.pilothouse.services.trafficops.TrafficSourceException {
                return PgBouncerAdmin.open(a, () -> Optional.of(password.toCharArray()), Duration.ofSeconds(5));
            }
        };
    }

    private Run viaService(SwitchoverService service, String method, int index, String from, String to,
                           boolean checkpoint, boolean steer) throws Exception {
        PoolerTarget target = new PoolerTarget((host, port) -> monitor.openFresh(source, new NodeAddress(host, port)));
        PgBouncerClientHold hold = new PgBouncerClientHold(console(), DATABASE,
                new HoldJournal(sandbox.dir().resolve("traffic-holds")), target,
                Duration.ofSeconds(60), Duration.ofSeconds(20), Clock.systemUTC());
        if (steer) {
            // As the app wires it (TrafficWiring.hold): HAProxy's admin socket, the candidate polled every 50 ms.
            hold.steering(new HaproxyWriteSteer(new HaproxyRuntime(sandbox.dir().resolve("haproxy.sock"),
                    Duration.ofSeconds(2)), target, Duration.ofMillis(50)));
        }
        WriteProbe probe = startProbe();
        clients.reset();
        SwitchoverReport report;
        try {
            report = service.run(new SwitchoverRequest(OperationKind.SWITCHOVER, source, sandbox.scope(), to, null),
                    step -> { }, hold, checkpoint);
        } catch (Exception e) {
            probe.stop();
            throw e;
        }
        boolean healthy = awaitHealthyQuietly(to);
        Thread.sleep(1000);
        ClientLoad.Figures f = clients.figures();
        WriteProbeResult writes = probe.stop();
        boolean ok = report.outcome() == Outcome.COMPLETED && healthy && writes.everWrote();
        if (index < TIMELINES) {
            // Where the time goes, from the operation's own progress (times from its start).
            report.steps().forEach(st -> System.out.println("      " + method + " " + (index + 1) + " " + st.describe()));
        }
        String note = ok ? report.verification().stream().filter(v -> v.id().equals("clients_held")).findFirst()
                .map(v -> v.verdict() + ": " + v.detail()).orElse("") : report.outcome() + ": " + report.summary();
        return new Run(method, index, from, to, ok, note, writes, f.commits(), f.failures(), f.longestCommitMillis(),
                hold.longestClientWait().toMillis(), f.firstErrors().isEmpty() ? null : f.firstErrors().get(0));
    }

    private Run viaPatronictl(int index, String from, String to) throws Exception {
        Path yml = sandbox.requireMember(from).dataDir().getParent().resolve("patroni.yml");
        List<String> command = List.of("/usr/bin/patronictl", "-c", yml.toString(), "switchover", "--leader", from,
                "--candidate", to, "--force", sandbox.scope());
        WriteProbe probe = startProbe();
        clients.reset();
        int exit;
        String output;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("patronictl did not finish within 120 s");
            }
            exit = p.exitValue();
            output = new String(out, StandardCharsets.UTF_8).strip();
        } catch (Exception e) {
            probe.stop();
            throw e;
        }
        boolean healthy = exit == 0 && awaitHealthyQuietly(to);
        Thread.sleep(1000);
        ClientLoad.Figures f = clients.figures();
        WriteProbeResult writes = probe.stop();
        boolean ok = exit == 0 && healthy && writes.everWrote() && output.contains("Successfully switched over");
        return new Run("patronictl", index, from, to, ok, ok ? "" : "exit " + exit + ": " + output, writes,
                f.commits(), f.failures(), f.longestCommitMillis(), null,
                f.firstErrors().isEmpty() ? null : f.firstErrors().get(0));
    }

    private WriteProbe startProbe() {
        return new WriteProbe(() -> monitor.openPrimary(cluster()), PROBE_INTERVAL).start(threads,
                Duration.ofSeconds(5));
    }

    private ClusterSnapshot cluster() {
        return monitor.feed().latest().cluster(source, sandbox.scope()).orElse(null);
    }

    private boolean awaitHealthyQuietly(String leader) {
        try {
            awaitHealthy(leader);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private ClusterSnapshot awaitHealthy(String leader) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            ClusterSnapshot c = cluster();
            if (c != null && c.leader() != null && (leader == null || leader.equals(c.leader()))
                    && c.members().size() == sandbox.members().size()
                    && c.members().stream().allMatch(m -> m.freshness() == Freshness.LIVE && m.state().isHealthy())
                    && c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE
                    && c.members().stream().filter(m -> !m.role().isLeaderLike())
                    .allMatch(m -> "streaming".equals(m.replicationState())
                            && c.timeline() != null && c.timeline().equals(m.timeline()))) {
                return c;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("cluster not healthy within " + SETTLE.toSeconds() + " s");
    }

    private static void print(Run r) {
        String fromTo = r.from() + " -> " + r.to();
        if (!r.ok() && !r.probe().everWrote()) {
            System.out.printf("%-15s %3d  %-15s  FAILED, skipped: %s%n", r.method(), r.index() + 1, fromTo, r.note());
            return;
        }
        System.out.printf("%-15s %3d  %-15s %7.0f ms  %8d/%-6d        %7d ms  %s%s%s%n", r.method(), r.index() + 1,
                fromTo, r.probe().unavailable().toNanos() / 1e6, r.commits(), r.failed(), r.longestCommitMs(),
                r.maxwaitMs() == null ? "-" : r.maxwaitMs() + " ms", r.ok() ? "" : "  FAILED: " + r.note(),
                r.firstError() == null ? "" : "  (first client error: " + r.firstError() + ")");
        if (r.ok() && r.note() != null && !r.note().isEmpty()) {
            System.out.println("      " + r.note());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void summary(List<Run> all, int runs, List<String> methods) {
        System.out.println("summary (successful runs; medians, with max):");
        System.out.println("method           runs  failed client tx (total, max/run)  longest client commit  "
                + "write unavailability (probe)");
        double patronictlProbe = Double.NaN;
        double patronictlCommit = Double.NaN;
        List<String> lines = new ArrayList<>();
        for (String m : methods) {
            List<Run> ok = all.stream().filter(r -> r.ok() && r.method().equals(m)).toList();
            long failedTotal = ok.stream().mapToLong(Run::failed).sum();
            long failedMax = ok.stream().mapToLong(Run::failed).max().orElse(0);
            double commit = median(ok.stream().map(r -> (double) r.longestCommitMs()).toList());
            double commitMax = ok.stream().mapToDouble(Run::longestCommitMs).max().orElse(Double.NaN);
            double probe = median(ok.stream().map(r -> r.probe().unavailable().toNanos() / 1e6).toList());
            double probeMax = ok.stream().mapToDouble(r -> r.probe().unavailable().toNanos() / 1e6).max()
                    .orElse(Double.NaN);
            if (m.equals("patronictl")) {
                patronictlProbe = probe;
                patronictlCommit = commit;
            }
            System.out.printf("%-16s %2d/%-2d  %6d, %-4d                      %6.0f ms (max %5.0f)      %6.0f ms "
                    + "(max %5.0f)%n", m, ok.size(), runs, failedTotal, failedMax, commit, commitMax, probe, probeMax);
            lines.add(m + "|" + probe + "|" + commit);
        }
        System.out.println("ratios to patronictl (median):");
        for (String l : lines) {
            String[] p = l.split("\\|");
            if (p[0].equals("patronictl")) {
                continue;
            }
            System.out.printf("  %-16s write unavailability %.2f x, longest client commit %.2f x%n", p[0],
                    Double.parseDouble(p[1]) / patronictlProbe, Double.parseDouble(p[2]) / patronictlCommit);
        }
        System.out.println("goals: 0 failed client transactions for held; write unavailability <= 0.7 x patronictl's");
    }
}
