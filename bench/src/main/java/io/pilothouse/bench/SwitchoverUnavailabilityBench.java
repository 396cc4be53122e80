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
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.pilothouse.bench.Percentiles.median;
import static io.pilothouse.bench.BenchArgs.intArg;

/**
 * Write unavailability of a Pilothouse (service-driven, as the wizard and the CLI run it) switchover versus
 * {@code patronictl switchover --force} on the same sandbox, alternating, N runs each.
 *
 * <p>Both methods are measured by the same independent {@link WriteProbe} ({@code SELECT txid_current()} committed
 * every 50 ms through a fresh multi-host connection to the primary after every error): started before the
 * switchover is asked for, stopped once the live model shows the candidate as leader and every replica streaming on
 * the new timeline. Its longest gap between acknowledged writes is the figure. For the Pilothouse runs the report's
 * own probe figure is printed beside it, not compared (that probe starts after the pre-checks, inside the service).
 * Prints figures and the median ratio; never fails on a time.
 *
 * <p>Run: {@code mvn -Pbench -pl bench -am -DskipTests verify
 * -Dbench.main=io.pilothouse.bench.SwitchoverUnavailabilityBench} (add {@code -Dbench.args="--runs 20"} to change
 * the count per method). Needs the sandbox packages and {@code patronictl} installed.
 */
public final class SwitchoverUnavailabilityBench {

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
    private static final double GOAL = 1.05;

    private SandboxInfo sandbox;
    private EstateMonitor monitor;
    private String source;
    private final ExecutorService probeThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-write-probe");
        t.setDaemon(true);
        return t;
    });

    /** One measured switchover. */
    private record Run(String method, int index, String from, String to, boolean ok, String note,
                       WriteProbeResult probe, Double reportedMs, double commandMs, double toHealthyMs,
                       Double beforePostMs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 10);
        String patronictl = stringArg(args, "--patronictl", "/usr/bin/patronictl");
        new SwitchoverUnavailabilityBench().run(runs, patronictl);
        System.exit(0);
    }

    private void run(int runs, String patronictl) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-bench-sw-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxLauncher launcher = new SandboxLauncher();
        // An interrupted run (Ctrl-C) must not leave PostgreSQL, Patroni and etcd behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launcher.destroy(dir), "bench-sandbox-cleanup"));
        System.out.println("starting a 3-member sandbox in " + dir + " ...");
        long t0 = System.nanoTime();
        sandbox = launcher.up(SandboxSpec.defaults(dir), line -> { });
        System.out.printf("sandbox up in %.1f s (scope %s, members %s)%n", (System.nanoTime() - t0) / 1e9,
                sandbox.scope(), sandbox.members().stream().map(SandboxInfo.Member::name).toList());
        System.out.println("patronictl: " + version(patronictl));
        List<Run> all = new ArrayList<>();
        try (LiveExecutors executors = LiveExecutors.create()) {
            Workspace ws = new WorkspaceLoader().load(sandbox.workspaceFile());
            source = ws.sources().get(0).name();
            monitor = new EstateMonitor(ws, executors, LiveSettings.DEFAULTS,
                    PasswordLookup.through(new CredentialResolver(List.of(PgPassLookup.current()),
                            PasswordPrompt.NON_INTERACTIVE)), Clock.systemUTC());
            monitor.start();
            monitor.awaitSettled(Duration.ofSeconds(30));
            JsonLinesAuditLog audit = new JsonLinesAuditLog(dir.resolve("bench-audit.jsonl"));
            SwitchoverService service = Switchovers.on(monitor, executors, LiveSettings.DEFAULTS,
                    OperationGuard.gateOnly(new MutationGate(false, audit)), c -> null,
                    new SwitchoverSettings(Duration.ofSeconds(5), Duration.ofSeconds(40), Duration.ofSeconds(90),
                            PROBE_INTERVAL));
            awaitHealthy(null);
            Thread.sleep(2000);

            System.out.println();
            System.out.printf("%d runs per method, alternating; probe: SELECT txid_current() every %d ms%n", runs,
                    PROBE_INTERVAL.toMillis());
            System.out.println("method       run  from -> to        probe gap  report gap  command   to healthy"
                    + "  writes/failed/primary changes");
            for (int i = 0; i < runs; i++) {
                int run = i;
                all.add(guarded("pilothouse", run, (from, to) -> viaService(service, run, from, to)));
                all.add(guarded("patronictl", run, (from, to) -> viaPatronictl(patronictl, run, from, to)));
            }
            monitor.close();
        } finally {
            probeThreads.shutdownNow();
            System.out.println();
            summary(all, runs);
            System.out.println();
            System.out.println("stopping the sandbox: clean=" + launcher.destroy(dir).clean());
        }
    }

    @FunctionalInterface
    private interface Method {
        Run run(String from, String to) throws Exception;
    }

    /** One switchover by {@code method} to a replica; a failure is reported and skipped, and the cluster settled. */
    private Run guarded(String name, int index, Method method) {
        String from = "?";
        String to = "?";
        Run r;
        try {
            ClusterSnapshot c = awaitHealthy(null);
            from = c.leader();
            // The next member after the leader, cyclically: with 3 members and 2 alternating methods, each method
            // promotes (and demotes) every member in turn, so no method always gets the same node.
            List<String> names = sandbox.members().stream().map(SandboxInfo.Member::name).toList();
            to = names.get((names.indexOf(from) + 1) % names.size());
            r = method.run(from, to);
        } catch (Exception e) {
            r = new Run(name, index, from, to, false, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    WriteProbeResult.NOT_MEASURED, null, Double.NaN, Double.NaN, null);
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

    private Run viaService(SwitchoverService service, int index, String from, String to) throws Exception {
        WriteProbe probe = startProbe();
        long start = System.nanoTime();
        SwitchoverReport report;
        long[] postAt = {-1};
        try {
            report = service.run(new SwitchoverRequest(OperationKind.SWITCHOVER, source, sandbox.scope(), to, null),
                    step -> {
                        if (postAt[0] < 0 && step.text().startsWith("POST /switchover")) {
                            postAt[0] = System.nanoTime();
                        }
                    });
        } catch (Exception e) {
            probe.stop();
            throw e;
        }
        double commandMs = (System.nanoTime() - start) / 1e6;
        boolean healthy = awaitHealthyQuietly(to);
        double toHealthyMs = (System.nanoTime() - start) / 1e6;
        WriteProbeResult writes = probe.stop();
        boolean ok = report.outcome() == Outcome.COMPLETED && healthy && writes.everWrote();
        String note = report.outcome() == Outcome.COMPLETED ? (healthy ? "" : "not healthy within "
                + SETTLE.toSeconds() + " s") : report.outcome() + ": " + report.summary();
        Double reported = report.writes().measured() && report.writes().everWrote()
                ? report.writes().unavailable().toNanos() / 1e6 : null;
        return new Run("pilothouse", index, from, to, ok, note, writes, reported, commandMs, toHealthyMs,
                postAt[0] < 0 ? null : (postAt[0] - start) / 1e6);
    }

    private Run viaPatronictl(String patronictl, int index, String from, String to) throws Exception {
        Path yml = sandbox.requireMember(from).dataDir().getParent().resolve("patroni.yml");
        List<String> command = List.of(patronictl, "-c", yml.toString(), "switchover", "--leader", from,
                "--candidate", to, "--force", sandbox.scope());
        WriteProbe probe = startProbe();
        long start = System.nanoTime();
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
        double commandMs = (System.nanoTime() - start) / 1e6;
        boolean healthy = exit == 0 && awaitHealthyQuietly(to);
        double toHealthyMs = (System.nanoTime() - start) / 1e6;
        WriteProbeResult writes = probe.stop();
        String firstLine = output.lines().filter(l -> l.contains("Successfully")).findFirst().orElse("");
        boolean ok = exit == 0 && healthy && writes.everWrote() && output.contains("Successfully switched over");
        String note = ok ? "" : "exit " + exit + ": " + (output.length() > 400 ? output.substring(0, 400) : output);
        if (ok && index == 0) {
            System.out.println("  (patronictl said: " + firstLine + ")");
        }
        return new Run("patronictl", index, from, to, ok, note, writes, null, commandMs, toHealthyMs, null);
    }

    /** The independent probe: started before the request, on the current primary, first write acknowledged. */
    private WriteProbe startProbe() {
        WriteProbe probe = new WriteProbe(() -> monitor.openPrimary(cluster()), PROBE_INTERVAL);
        return probe.start(probeThreads, Duration.ofSeconds(5));
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

    /**
     * Waits until the live model shows {@code leader} (any leader when null) holding the key, every member live and
     * healthy, and every replica streaming on the cluster's timeline.
     */
    private ClusterSnapshot awaitHealthy(String leader) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            ClusterSnapshot c = cluster();
            if (healthy(c, leader)) {
                return c;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("cluster not healthy within " + SETTLE.toSeconds() + " s"
                + (leader == null ? "" : " with " + leader + " as leader"));
    }

    private boolean healthy(ClusterSnapshot c, String leader) {
        return c != null && c.leader() != null && (leader == null || leader.equals(c.leader()))
                && c.members().size() == sandbox.members().size()
                && c.members().stream().allMatch(m -> m.freshness() == Freshness.LIVE && m.state().isHealthy())
                && c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE
                && c.members().stream().filter(m -> !m.role().isLeaderLike())
                .allMatch(m -> "streaming".equals(m.replicationState())
                        && c.timeline() != null && c.timeline().equals(m.timeline()));
    }

    private static void print(Run r) {
        String fromTo = r.from() + " -> " + r.to();
        if (!r.ok() && !r.probe().everWrote()) {
            System.out.printf("%-11s %4d  %-16s  FAILED, skipped: %s%n", r.method(), r.index() + 1, fromTo,
                    r.note());
            return;
        }
        WriteProbeResult w = r.probe();
        System.out.printf("%-11s %4d  %-16s %7.0f ms  %10s  %6.0f ms  %8.0f ms  %d/%d/%d%s%n", r.method(),
                r.index() + 1, fromTo, w.unavailable().toNanos() / 1e6,
                r.reportedMs() == null ? "-" : String.format("%.0f ms", r.reportedMs()), r.commandMs(),
                r.toHealthyMs(), w.writes(), w.failures(), w.primaryChanges(),
                (r.beforePostMs() == null ? "" : String.format("  (POST after %.0f ms)", r.beforePostMs()))
                        + (r.ok() ? "" : "  FAILED, skipped: " + r.note()));
    }

    private static void summary(List<Run> all, int runs) {
        List<Run> ph = all.stream().filter(r -> r.ok() && r.method().equals("pilothouse")).toList();
        List<Run> pc = all.stream().filter(r -> r.ok() && r.method().equals("patronictl")).toList();
        System.out.printf("successful runs: pilothouse %d/%d, patronictl %d/%d%n", ph.size(), runs, pc.size(), runs);
        Percentiles phGap = new Percentiles(ph.stream().map(r -> r.probe().unavailable().toNanos() / 1e6).toList());
        Percentiles pcGap = new Percentiles(pc.stream().map(r -> r.probe().unavailable().toNanos() / 1e6).toList());
        Percentiles phReported = new Percentiles(ph.stream().filter(r -> r.reportedMs() != null)
                .map(Run::reportedMs).toList());
        System.out.println("write unavailability (independent probe, longest gap between acknowledged writes):");
        double phMedian = median(ph.stream().map(r -> r.probe().unavailable().toNanos() / 1e6).toList());
        double pcMedian = median(pc.stream().map(r -> r.probe().unavailable().toNanos() / 1e6).toList());
        System.out.printf("  pilothouse : median %.0f ms, p90 %.0f ms, min %.0f ms, max %.0f ms%n", phMedian,
                phGap.p(0.9), phGap.p(0), phGap.p(1));
        System.out.printf("  patronictl : median %.0f ms, p90 %.0f ms, min %.0f ms, max %.0f ms%n", pcMedian,
                pcGap.p(0.9), pcGap.p(0), pcGap.p(1));
        System.out.printf("  pilothouse, the report's own probe (starts after the pre-checks): median %.0f ms, "
                + "p90 %.0f ms%n", median(ph.stream().filter(r -> r.reportedMs() != null).map(Run::reportedMs)
                .toList()), phReported.p(0.9));
        System.out.println("duration (median):");
        System.out.printf("  command returned : pilothouse %.0f ms (service.run: pre-checks, POST, verification), "
                + "patronictl %.0f ms (process)%n", median(ph.stream().map(Run::commandMs).toList()),
                median(pc.stream().map(Run::commandMs).toList()));
        System.out.printf("  start -> healthy : pilothouse %.0f ms, patronictl %.0f ms%n",
                median(ph.stream().map(Run::toHealthyMs).toList()), median(pc.stream().map(Run::toHealthyMs).toList()));
        System.out.printf("  pilothouse start -> POST /switchover (pre-checks): %.0f ms%n",
                median(ph.stream().filter(r -> r.beforePostMs() != null).map(Run::beforePostMs).toList()));
        double ratio = phMedian / pcMedian;
        System.out.printf("median ratio pilothouse / patronictl: %.3f (p90 ratio %.3f)%n", ratio,
                phGap.p(0.9) / pcGap.p(0.9));
        System.out.printf("goal: median ratio <= %.2f: %s%n", GOAL, Double.isNaN(ratio) ? "not measured"
                : ratio <= GOAL ? "met" : "NOT met");
    }


    private static String version(String patronictl) {
        try {
            Process p = new ProcessBuilder(patronictl, "version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "not runnable: " + e.getMessage();
        }
    }


    private static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
