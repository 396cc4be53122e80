package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult;
import io.pilothouse.services.sandbox.workload.TwoPhaseWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code pilothouse sandbox workload …}: real traffic against a running sandbox. */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = "Run a workload against a running sandbox.",
        subcommands = {SandboxWorkloadCommand.TwoPhase.class})
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
                description = "Transactions committed everywhere (default: ${DEFAULT-VALUE}).")
        int transactions;

        @Option(names = "--orphans", paramLabel = "N", defaultValue = "0",
                description = "Transactions left in doubt afterwards (default: ${DEFAULT-VALUE}).")
        int orphans;

        @Option(names = "--seed", paramLabel = "S", description = "Seed of the ledger amounts (default: random).")
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
}
