package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.traffic.TrafficMonitor;
import io.pilothouse.services.traffic.TrafficSnapshot;
import io.pilothouse.services.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code pilothouse traffic}: the load balancers and poolers in front of every cluster, read once. */
@Command(name = "traffic", mixinStandardHelpOptions = true,
        description = "Print every entry point (HAProxy proxies, PgBouncer databases, Pgpool-II) with where it sends "
                + "reads and writes now, verified by connecting through it; HAProxy backends, PgBouncer pools, "
                + "Pgpool nodes; and every disagreement with the cluster. Exit 0, or 4 when there is a problem "
                + "(an unreachable component included). Operations: traffic haproxy set-state, traffic pgbouncer "
                + "pause|resume|reconnect.",
        subcommands = {TrafficHaproxyCommand.class, TrafficPgBouncerCommand.class})
public final class TrafficCommand implements Callable<Integer> {

    /** Exit status when the traffic layer has a problem (scripts and monitoring). */
    static final int PROBLEMS = 4;

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = source.workspace();
        if (!TrafficMonitor.watches(workspace)) {
            throw new UserException("the workspace names no load balancer or pooler: add traffic: keys to a source "
                    + "(haproxy.stats, pgbouncer.address and user, pgpool.address), or start a sandbox with "
                    + "--poolers", 2);
        }
        try (LiveSession session = LiveSession.prepare(workspace, LiveSettings.ONE_SHOT, Notifier.NONE, e -> { },
                SessionHistory.Mode.OFF)) {
            session.beginOneShot();
            // The cluster first: entry points are judged against its leader and members.
            session.awaitAnswered(timeout.duration());
            TrafficSnapshot traffic = session.traffic().readOnce();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Json.pretty(traffic) + System.lineSeparator() : TrafficText.render(traffic));
            out.flush();
            return traffic.problems().isEmpty() ? 0 : PROBLEMS;
        }
    }
}
