package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.ShutdownHooks;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.sharding.OrdersWorkload;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult;
import io.pilothouse.services.sandbox.workload.TwoPhaseWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;

/** {@code pilothouse sandbox workload …}: real traffic against a running sandbox. */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = "Run a workload against a running sandbox.",
        subcommands = {SandboxWorkloadCommand.TwoPhase.class, SandboxWorkloadCommand.Orders.class})
final class SandboxWorkloadCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "2pc", mixinStandardHelpOptions = true,
            description = {"Two-phase commit across the cluster leader and every shard (needs up --shards 1 or more).",
                "Commits M transactions everywhere, then leaves N orphans prepared for real, alternating: no decision "
                        + "(resolve by ROLLBACK PREPARED) and decided + committed on the first participant only "
                        + "(resolve by COMMIT PREPARED on the others)."})
    static final class TwoPhase implements Callable<Integer> {
        @Mixin
        SandboxDirOption dir;

        @Option(names = "--transactions", paramLabel = "M", defaultValue = "20",
                converter = NumericOptions.Positive.class,
                description = "Transactions committed everywhere (default: ${DEFAULT-VALUE}).")
        int transactions;

        @Option(names = "--orphans", paramLabel = "N", defaultValue = "0",
                converter = NumericOptions.NonNegative.class,
                description = "Transactions left in doubt afterwards (default: ${DEFAULT-VALUE}).")
        int orphans;

        @Option(names = "--seed", paramLabel = "S", converter = NumericOptions.AnyLong.class,
                description = "Seed of the ledger amounts (default: random).")
        Long seed;

        @Option(names = "--uuid-ids", description = "Random UUIDs as global ids instead of tx_NNNN.")
        boolean uuidIds;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (transactions < 0 || orphans < 0) {
                throw new UserException("--transactions and --orphans cannot be negative", UserErrors.FAILED);
            }
            PrintWriter err = spec.commandLine().getErr();
            SandboxInfo info = new SandboxLauncher().info(dir.resolve());
            TwoPhaseWorkload.Options options = new TwoPhaseWorkload.Options(transactions, orphans,
                    seed != null ? seed : System.nanoTime(), uuidIds);
            TwoPhaseResult result = new TwoPhaseWorkload(info).run(options, line -> {
                err.println("  " + line);
                err.flush();
            });
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Json.pretty(result) + "\n" : TwoPhaseText.describe(result));
            out.flush();
            return 0;
        }
    }

    @Command(name = "orders", mixinStandardHelpOptions = true,
            description = {"Insert and update demo.orders through the coordinator as app (needs the sharded schema: "
                    + "sandbox up --shards N, or sandbox schema), printing a line per second.",
                "About 7 in 10 operations insert a new order for a random user; the rest update an order inserted a "
                        + "moment ago. Runs for --seconds, or until Ctrl-C."})
    static final class Orders implements Callable<Integer> {
        @Mixin
        SandboxDirOption dir;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
                converter = NumericOptions.NonNegative.class,
                description = "Stop after S seconds (default: run until Ctrl-C).")
        int seconds;

        @Option(names = "--rate", paramLabel = "R", defaultValue = "" + OrdersWorkload.Options.DEFAULT_RATE,
                converter = NumericOptions.Positive.class,
                description = "Operations per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seed", paramLabel = "S", converter = NumericOptions.AnyLong.class,
                description = "Seed of users, amounts and the mix (default: random).")
        Long seed;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (seconds < 0 || rate < 1) {
                throw new UserException("--seconds cannot be negative and --rate must be at least 1",
                        UserErrors.FAILED);
            }
            PrintWriter out = spec.commandLine().getOut();
            SandboxInfo info = new SandboxLauncher().info(dir.resolve());
            AtomicBoolean stop = new AtomicBoolean();
            // Ctrl-C: let the loop finish its statement and print the totals before the JVM goes. Once the run is
            // over the hook returns at once (the app cannot remove a hook, so it outlives the run in tests).
            CountDownLatch done = new CountDownLatch(1);
            ShutdownHooks.add("orders-workload-stop", () -> {
                stop.set(true);
                try {
                    done.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                OrdersWorkload.Counts total = new OrdersWorkload(info).run(new OrdersWorkload.Options(
                        Duration.ofSeconds(seconds), rate, seed != null ? seed : System.nanoTime()), stop::get, line -> {
                            out.println(line);
                            out.flush();
                        });
                out.printf("orders workload: inserted %d, updated %d, errors %d%n", total.inserted(),
                        total.updated(), total.errors());
                out.flush();
                return 0;
            } finally {
                done.countDown();
            }
        }
    }
}
