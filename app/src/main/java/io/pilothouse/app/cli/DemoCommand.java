package io.pilothouse.app.cli;

import io.pilothouse.app.fx.DesktopNotifier;
import io.pilothouse.app.fx.DesktopWindow;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.app.wiring.ShutdownHooks;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.PatroniRelease;
import io.pilothouse.services.sandbox.SandboxException;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.sandbox.SandboxSync;
import io.pilothouse.services.sandbox.SandboxStatus;
import io.pilothouse.services.workspace.WorkspaceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.pilothouse.services.sandbox.sharding.BackgroundOrders;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult;
import io.pilothouse.services.sandbox.workload.TwoPhaseWorkload;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pilothouse demo}: starts (or reuses) a sandbox and opens the cockpit on it. The full demo has something real
 * in every window: a Patroni 4 cluster with quorum commit and a {@code replicatefrom} cascade (Patroni 3 with
 * {@code synchronous_mode: on} when Patroni 4 cannot be fetched), HAProxy, standalone shards with the
 * sharded orders schema, a light orders workload running in the background (lag and write rates move), and a 2PC run
 * that leaves two orphans in doubt. {@code --minimal}: the cluster and HAProxy only.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a sandbox (or reuse a running one) and open Pilothouse on it.",
            "Full demo: Patroni 4 cluster with quorum commit (last member cascading from node2; Patroni 3 with "
                    + "synchronous_mode on when Patroni 4 cannot be fetched) with HAProxy, --shards standalone shards "
                    + "with the sharded orders schema (--rows), a light orders workload in the background (--rate) "
                    + "and a 2PC run leaving two orphans in doubt. --minimal: the cluster and HAProxy only."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    SandboxDirOption dir;

    @Option(names = "--members", defaultValue = "4", converter = NumericOptions.Positive.class,
            description = "Patroni members (default: ${DEFAULT-VALUE}: a leader, two quorum voters and a cascade).")
    int members;

    @Option(names = "--patroni", paramLabel = "3|4", defaultValue = "4",
            description = "Full demo: 4 (default) runs Debian 13's Patroni 4.0.7 with quorum commit (fetched into the "
                    + "cache on first use; when that fails the demo says why and goes on with 3), 3 runs Debian 12's "
                    + "Patroni 3.0.2 with synchronous_mode on.")
    String patroni;

    @Option(names = "--minimal", description = "Only the Patroni cluster and HAProxy (no shards, schema, workloads).")
    boolean minimal;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "2", converter = NumericOptions.Positive.class,
            description = "Full demo: standalone shards beside the cluster (1 to " + SandboxSpec.MAX_SHARDS
                    + ", default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--rows", paramLabel = "R", defaultValue = "20000",
            converter = NumericOptions.NonNegativeLong.class,
            description = "Full demo: rows of the sharded schema (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "5", converter = NumericOptions.Positive.class,
            description = "Full demo: orders workload operations per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--keep", description = "Leave the sandbox running when the window closes.")
    boolean keep;

    @Option(names = "--theme", defaultValue = "light", description = "light or dark (default: ${DEFAULT-VALUE}).")
    String theme;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Displays.requireDisplay("demo");
        if (!minimal && (shards < 1 || shards > SandboxSpec.MAX_SHARDS || rows < 0 || rate < 1 || members < 3)) {
            throw new UserException("the full demo needs --shards 1 to " + SandboxSpec.MAX_SHARDS + ", --rows 0 or "
                    + "more, --rate 1 or more and --members 3 or more (it cascades the last member from node2); "
                    + "or pass --minimal", 2);
        }
        long t0 = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        Path d = dir.resolve();
        SandboxLauncher launcher = new SandboxLauncher();
        boolean startedHere = false;
        SandboxInfo info;
        if (launcher.status(d).state() == SandboxStatus.State.RUNNING) {
            err.println("reusing the sandbox running in " + d);
            info = launcher.info(d);
        } else {
            err.println("starting a sandbox cluster in " + d + " ...");
            SandboxSpec s = SandboxSpec.defaults(d).withMembers(members).withHaproxy(true);
            PatroniRelease release = minimal ? PatroniRelease.PATRONI_3 : release();
            if (!minimal) {
                s = s.withShards(shards).withCascade(true);
            }
            try {
                info = launcher.up(withReplication(s, release), line -> {
                    err.println("  " + line);
                    err.flush();
                });
            } catch (SandboxException e) {
                // Fetching Patroni 4 fails before the directory is touched: nothing to clean, go on with Patroni 3.
                if (release != PatroniRelease.PATRONI_4 || launcher.status(d).state() != SandboxStatus.State.ABSENT) {
                    throw e;
                }
                err.println("pilothouse: " + e.getMessage());
                err.println("pilothouse: the demo goes on with Debian 12's Patroni 3.0.2 and synchronous_mode on "
                        + "(quorum commit needs Patroni 4)");
                info = launcher.up(withReplication(s, PatroniRelease.PATRONI_3), line -> {
                    err.println("  " + line);
                    err.flush();
                });
            }
            startedHere = true;
        }
        err.print(SandboxText.describe(info));
        err.flush();
        if (startedHere && !minimal) {
            // Every window gets something real: the shard map its rows, the in-doubt window its two orphans.
            SandboxSchemaCommand.create(info, rows, err, err);
            TwoPhaseResult twoPhase = new TwoPhaseWorkload(info).run(new TwoPhaseWorkload.Options(10, 2,
                    System.nanoTime(), false), line -> {
                        err.println("  " + line);
                        err.flush();
                    });
            err.print(TwoPhaseText.describe(twoPhase));
        }
        BackgroundOrders orders = !minimal && !info.shards().isEmpty() ? BackgroundOrders.start(info, rate, why -> {
            err.println("pilothouse: " + why);
            err.flush();
        }) : null;
        err.printf("demo ready in %.1f s%s%n", (System.nanoTime() - t0) / 1e9, orders == null ? ""
                : "; orders workload running at " + rate + " operations/s until the window closes");
        err.flush();
        // Ctrl-C or a closed terminal ends the JVM through its shutdown hooks, not through finally blocks:
        // the sandbox this command started is stopped there too, exactly once.
        // The demo made this sandbox: closing it removes it, so the next demo starts afresh in the same place.
        Runnable stop = once(() -> err.println(SandboxText.describe(launcher.destroy(d))));
        if (startedHere && !keep) {
            ShutdownHooks.add("demo-sandbox-stop", stop);
        }
        // Paint first: the session begins reading once the window's first frame is laid out (DesktopWindow).
        try (LiveSession session = LiveSession.prepare(new WorkspaceLoader().load(info.workspaceFile()),
                LiveSettings.DEFAULTS, new DesktopNotifier(), e -> { }, SessionHistory.Mode.RESTORE_AND_RECORD)) {
            DesktopWindow.showAndWait(session, Themes.parse(theme), "Pilothouse — sandbox " + info.scope());
        } finally {
            if (orders != null) {
                orders.close();
            }
            if (startedHere && !keep) {
                stop.run();
            } else {
                err.println("the sandbox keeps running; stop it with: ./pilothouse sandbox down --dir " + d);
            }
            err.flush();
        }
        return 0;
    }

    private static Runnable once(Runnable r) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    private PatroniRelease release() {
        try {
            return PatroniRelease.fromOption(patroni);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), 2);
        }
    }

    /** The full demo's synchronous replication: quorum commit on Patroni 4, synchronous_mode on with Patroni 3. */
    private SandboxSpec withReplication(SandboxSpec s, PatroniRelease release) {
        if (minimal) {
            return s;
        }
        return s.withPatroni(release).withSync(SandboxSync.parse(
                release == PatroniRelease.PATRONI_4 ? "quorum" : "on", null));
    }
}
