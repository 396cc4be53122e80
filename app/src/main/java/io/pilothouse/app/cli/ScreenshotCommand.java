package io.pilothouse.app.cli;

import io.pilothouse.app.fx.AuditScreenshot;
import io.pilothouse.app.fx.FxToolkit;
import io.pilothouse.app.fx.MainViews;
import io.pilothouse.app.fx.OffscreenRenderer;
import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.views.timemachine.TimeMachineViewModel;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.MainView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pilothouse screenshot}: renders a view offscreen (no display needed) and writes a PNG. */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Render a view offscreen to a PNG (no display needed).")
public final class ScreenshotCommand implements Callable<Integer> {

    /** Views that can be rendered; every later view adds its name here. */
    enum ViewName { topology, lag, slots, history, alerts, audit, indoubt, shards, reshard, activity, traffic, wall }

    @Mixin
    SourceOptions source;

    @Option(names = "--node", paramLabel = "NODE",
            description = "For --view activity: CLUSTER/MEMBER, a member, or a cluster (its leader).")
    String activityNode;

    @Option(names = "--view", defaultValue = "topology", description = "View to render: ${COMPLETION-CANDIDATES}.")
    ViewName view;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG file to write.")
    Path out;

    @Option(names = "--size", paramLabel = "WxH",
            description = "Image size (default: 1600x1000; 1920x1080 for --view wall).")
    String size;

    @Option(names = "--large", description = "For --view wall: the larger type of wall --large.")
    boolean large;

    @Option(names = "--theme", defaultValue = "light", description = "light or dark (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--cluster", paramLabel = "SCOPE", description = "Cluster to show (default: the first).")
    String cluster;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--at", paramLabel = "TIME", description = "Show the main view scrubbed back to this ISO time "
            + "(UTC) with the time machine, from the history store.")
    String at;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int[] wh = parseSize(size != null ? size : view == ViewName.wall ? "1920x1080" : "1600x1000");
        Theme chosen = Themes.parse(theme);
        FileOptions.checkOutput(out, "--out");
        if (view == ViewName.audit) {
            // Estate-wide and read from the local log: no cluster source needed.
            try {
                AuditScreenshot.render(AuditLogs.open(), chosen, wh[0], wh[1], out);
            } catch (java.io.UncheckedIOException e) {
                throw new UserException("cannot write " + out + ": " + e.getCause().getMessage());
            }
            spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + wh[0] + "x" + wh[1]
                    + ", view audit of " + AuditLogs.path() + ")");
            return 0;
        }
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            if (view == ViewName.wall) {
                // Every cluster of the estate, worst first, as the NOC wall shows it (first page).
                try {
                    io.pilothouse.app.fx.WallWindow.render(session, chosen, WallCommand.options(20, large), wh[0],
                            wh[1], out);
                } catch (java.io.UncheckedIOException e) {
                    throw new UserException("cannot write " + out + ": " + e.getCause().getMessage());
                }
                spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + wh[0] + "x" + wh[1]
                        + ", view wall, " + session.feed().latest().clusters().size() + " clusters)");
                return 0;
            }
            if (view == ViewName.indoubt) {
                // Estate-wide: every primary's prepared transactions, grouped and advised.
                try {
                    io.pilothouse.app.fx.InDoubtScreenshot.render(session, chosen, wh[0], wh[1], out);
                } catch (java.io.UncheckedIOException e) {
                    throw new UserException("cannot write " + out + ": " + e.getCause().getMessage());
                }
                spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + wh[0] + "x" + wh[1]
                        + ", view indoubt)");
                return 0;
            }
            if (view == ViewName.activity) {
                // One node's sessions, locks and rates: --node, else --cluster's leader, else the first node.
                try {
                    io.pilothouse.app.fx.ActivityScreenshot.render(session, activityNode != null ? activityNode
                            : cluster, chosen, wh[0], wh[1], out);
                } catch (IllegalArgumentException e) {
                    throw new UserException("--node: " + e.getMessage(), 2);
                } catch (IllegalStateException e) {
                    throw new UserException(e.getMessage(), UserErrors.FAILED);
                } catch (java.io.UncheckedIOException e) {
                    throw new UserException("cannot write " + out + ": " + e.getCause().getMessage());
                }
                spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + wh[0] + "x" + wh[1]
                        + ", view activity)");
                return 0;
            }
            if (view == ViewName.shards) {
                // Estate-wide: every shard map of the workspace, the first table drawn.
                try {
                    io.pilothouse.app.fx.ShardMapScreenshot.render(session, chosen, wh[0], wh[1], out);
                } catch (java.io.UncheckedIOException e) {
                    throw new UserException("cannot write " + out + ": " + e.getCause().getMessage());
                }
                spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + wh[0] + "x" + wh[1]
                        + ", view shards)");
                return 0;
            }
            if (view == ViewName.reshard) {
                // The resharding wizard's preview of a move on the chosen (or only) coordinator; nothing runs.
                io.pilothouse.services.model.ClusterSnapshot coordinator = session.feed().latest().clusters().stream()
                        .filter(c -> cluster == null || c.scope().equals(cluster)).findFirst()
                        .orElseThrow(() -> new UserException("no cluster " + (cluster == null ? "" : cluster)
                                + " to show; pilothouse snapshot lists them"));
                try {
                    io.pilothouse.app.fx.ReshardScreenshot.render(session, coordinator, chosen, wh[0], wh[1], out);
                } catch (java.io.UncheckedIOException e) {
                    throw new UserException("cannot write " + out + ": " + e.getCause().getMessage());
                }
                spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + wh[0] + "x" + wh[1]
                        + ", view reshard)");
                return 0;
            }
            if (view == ViewName.lag) {
                // A lag chart of one sample says nothing: give the 1 Hz sampler a few seconds of history.
                Thread.sleep(5_000);
            }
            EstateSnapshot estate = session.feed().latest();
            // The Traffic tab: one read of every load balancer and pooler the workspace names, drawn as read.
            io.pilothouse.services.traffic.TrafficMonitor traffic = view == ViewName.traffic
                    ? session.traffic() : null;
            if (traffic != null) {
                traffic.readOnce();
            }
            FxToolkit.startHeadless();
            MainView[] main = new MainView[1];
            OffscreenRenderer renderer = FxToolkit.call(() -> {
                TimeMachineViewModel machine = at == null ? null : StoredScreenshots.scrubbedTo(
                        TimeArguments.instant(at, "--at"));
                main[0] = MainViews.on(session, machine, traffic);
                main[0].showPane(view.name());
                estate.clusters().stream()
                        .filter(c -> cluster == null || c.scope().equals(cluster))
                        .findFirst()
                        .ifPresent(c -> main[0].selectCluster(c.source(), c.scope()));
                main[0].refreshNow();
                return OffscreenRenderer.show(main[0].root(), wh[0], wh[1], chosen::applyTo);
            }, 60);
            OffscreenRenderer.awaitPulses(3);
            FxToolkit.call(() -> {
                try {
                    main[0].refreshNow();
                    renderer.capture(out);
                } catch (java.io.IOException e) {
                    throw new UserException("cannot write " + out + ": " + e.getMessage());
                } finally {
                    main[0].dispose();
                }
                return null;
            }, 60);
        }
        spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + wh[0] + "x" + wh[1] + ", view "
                + view + ")");
        return 0;
    }

    static int[] parseSize(String s) {
        String[] p = s.toLowerCase().split("x");
        try {
            int w = Integer.parseInt(p[0].trim());
            int h = Integer.parseInt(p[1].trim());
            if (p.length == 2 && w >= 200 && h >= 200 && w <= 7680 && h <= 4320) {
                return new int[] {w, h};
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new UserException("--size must look like 1600x1000 (between 200x200 and 7680x4320), got '" + s + "'", 2);
    }
}
