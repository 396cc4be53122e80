package io.pilothouse.app.cli;

import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pilothouse sandbox schema}: (re)creates the sharded demo schema on a running sandbox with shards. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"(Re)create the sharded demo schema: the cluster leader becomes a postgres_fdw coordinator over "
                + "the shards; demo.orders hash-partitioned on user_id in 8 (remainders 0-1 local, the rest foreign, "
                + "round-robin over the shards), demo.events by month. Drops an earlier demo schema first."})
final class SandboxSchemaCommand implements Callable<Integer> {

    @Mixin
    SandboxDirOption dir;

    @Option(names = "--rows", paramLabel = "R", defaultValue = "1000000",
            converter = NumericOptions.NonNegativeLong.class,
            description = "Rows in total, 4/5 orders and 1/5 events (default: ${DEFAULT-VALUE}).")
    long rows;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SandboxInfo info = new SandboxLauncher().info(dir.resolve());
        create(info, rows, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }

    /** Builds the schema and prints a summary line with the time taken and the row counts; shared with {@code up}. */
    static void create(SandboxInfo info, long rows, PrintWriter out, PrintWriter err) {
        if (rows < 0) {
            throw new UserException("--rows cannot be negative", UserErrors.FAILED);
        }
        ShardedSchema.Result r = new ShardedSchema(info).create(rows, line -> {
            err.println("  " + line);
            err.flush();
        });
        StringBuilder perNode = new StringBuilder();
        for (Map.Entry<String, Long> e : r.rowsByNode().entrySet()) {
            perNode.append(perNode.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(String.format("%,d", e.getValue()));
        }
        out.printf("sharded schema on %s (%s) in %.1f s (load %.1f s): demo.orders %,d rows (%s), demo.events %,d "
                        + "rows%n", r.coordinator().name(), r.coordinator().endpoint(), r.totalMillis() / 1000.0,
                r.loadMillis() / 1000.0, r.orders(), perNode, r.events());
        for (ShardedSchema.Partition p : r.partitions()) {
            out.printf("  demo.%s  remainder %d  %s%n", p.name(), p.remainder(),
                    p.foreign() ? "foreign -> " + p.node().name() + " (" + p.node().endpoint() + ")" : "local");
        }
        out.flush();
    }
}
