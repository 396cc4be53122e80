package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.services.shards.map.ShardMapReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pilothouse shards}: every shard map of the workspace, a table per sharded table. */
@Command(name = "shards", mixinStandardHelpOptions = true,
        description = "Print where the rows of every sharded table live: per shard its node, bound, size, rows and "
                + "writes per second; per node totals and the skew; gaps, overlaps, unreachable shard nodes. "
                + "Exit 0, or 4 when some table has a problem.")
public final class ShardsCommand implements Callable<Integer> {

    /** Exit status when some map or table has a problem (scripts and monitoring). */
    static final int PROBLEMS = 4;

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--rate-seconds", paramLabel = "SECONDS", defaultValue = "1",
            converter = NumericOptions.NonNegativeSeconds.class,
            description = "Read twice this many seconds apart to give write rates; 0 reads once, without rates "
                    + "(default: ${DEFAULT-VALUE}).")
    double rateSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rateSeconds < 0 || rateSeconds > 600) {
            throw new UserException("--rate-seconds must be between 0 and 600, not " + rateSeconds, 2);
        }
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            boolean settled = session.awaitSettled(timeout.duration());
            if (session.feed().latest().clusters().isEmpty()) {
                spec.commandLine().getErr().println("pilothouse: no cluster found within " + timeout.seconds
                        + " s; check the source addresses (etcd endpoint and namespace, or Patroni URLs)");
                return UserErrors.FAILED;
            }
            List<ShardMap> maps = read(session.shardMaps());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.pretty(ShardsJson.of(maps)));
            } else {
                out.print(ShardsText.render(maps));
            }
            out.flush();
            if (!settled) {
                spec.commandLine().getErr().println("pilothouse: some members did not answer within "
                        + timeout.seconds + " s; maps of their clusters may be missing");
            }
            return hasProblems(maps) ? PROBLEMS : 0;
        }
    }

    /** One read, or two {@link #rateSeconds} apart so the second has write rates. */
    private List<ShardMap> read(ShardMapReader reader) throws InterruptedException {
        List<ShardMap> maps = reader.read();
        if (rateSeconds == 0 || maps.isEmpty()) {
            return maps;
        }
        // A one-shot command has no earlier read to compare counters with: it waits for one.
        Thread.sleep(Duration.ofMillis(Math.round(rateSeconds * 1000)).toMillis());
        return reader.read();
    }

    static boolean hasProblems(List<ShardMap> maps) {
        return maps.stream().anyMatch(m -> !m.problems().isEmpty()
                || m.tables().stream().anyMatch(t -> !t.problems().isEmpty()));
    }
}
