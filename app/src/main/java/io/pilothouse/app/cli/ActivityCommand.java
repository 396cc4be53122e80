package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.activity.ActivityService;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.NodeRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pilothouse activity}: what each node is doing, and cancel/terminate of one backend. */
@Command(name = "activity", mixinStandardHelpOptions = true,
        description = "Sessions by state, top waits, who blocks whom, long and idle-in-transaction sessions, advisory "
                + "locks, connections against max_connections, transactions and WAL per second (two reads "
                + "--interval apart) of every node, or of --node / --cluster. Exit 0 when every node was read, 1 when "
                + "one could not be (it is named, never shown as empty), 2 for an unknown node.",
        subcommands = {ActivitySignalCommand.Cancel.class, ActivitySignalCommand.Terminate.class})
public final class ActivityCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--node", paramLabel = "NODE", description = "CLUSTER/MEMBER, a member name, or a cluster "
            + "(its leader).")
    String node;

    @Option(names = "--cluster", paramLabel = "SCOPE", description = "Every member of this cluster.")
    String cluster;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            converter = NumericOptions.Positive.class,
            description = "Seconds between the two reads rates are taken from (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            ActivityService activity = session.activity();
            List<NodeRef> nodes = nodes(activity);
            for (NodeRef n : nodes) {
                activity.read(n);
            }
            Thread.sleep(interval * 1000L);
            List<NodeActivity> read = new ArrayList<>();
            for (NodeRef n : nodes) {
                read.add(activity.read(n));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? io.pilothouse.app.json.Json.pretty(ActivityJson.of(read)) + "\n"
                    : ActivityText.render(read));
            out.flush();
            read.stream().filter(n -> !n.readable())
                    .forEach(n -> spec.commandLine().getErr().println("pilothouse: " + n.error()));
            return read.stream().allMatch(NodeActivity::readable) ? 0 : UserErrors.FAILED;
        }
    }

    private List<NodeRef> nodes(ActivityService activity) {
        if (node != null) {
            try {
                return List.of(activity.find(node));
            } catch (IllegalArgumentException e) {
                throw new UserException("--node: " + e.getMessage(), 2);
            } catch (IllegalStateException e) {
                throw new UserException(e.getMessage(), UserErrors.FAILED);
            }
        }
        List<NodeRef> all = activity.nodes().stream().filter(n -> cluster == null || n.scope().equals(cluster)
                || (n.source() + "/" + n.scope()).equals(cluster)).toList();
        if (all.isEmpty()) {
            throw new UserException(cluster != null ? "no cluster " + cluster + " in the workspace (or none of its "
                    + "members has an address yet); see `pilothouse snapshot`"
                    : "no node of the workspace could be found: no cluster was read; check the workspace's sources",
                    cluster != null ? 2 : UserErrors.FAILED);
        }
        return all;
    }
}
