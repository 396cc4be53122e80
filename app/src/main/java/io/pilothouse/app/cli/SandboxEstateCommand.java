package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.EstateSandbox;
import io.pilothouse.services.sandbox.estate.EstatePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pilothouse sandbox estate}: a simulated estate of many Patroni clusters in a real etcd, changing all along. */
@Command(name = "estate", mixinStandardHelpOptions = true,
        description = {"Write N simulated Patroni clusters into a real etcd and keep changing them (lag waves, "
                + "switchovers, leaders lost and failed over, replicas lost and back) until 'sandbox down'.",
            "In a sandbox's directory it uses that sandbox's etcd (the real cluster stays in the estate); in a new "
                    + "directory it starts an etcd of its own and writes DIR/workspace.yaml (read-only).",
            "The simulated members have no REST API and no PostgreSQL: their addresses are loopback addresses "
                    + "nobody listens on, and each carries the tag 'simulated: no REST/SQL'."})
final class SandboxEstateCommand implements Callable<Integer> {

    @Mixin
    SandboxDirOption dir;

    @Option(names = "--clusters", paramLabel = "N", required = true, converter = NumericOptions.Positive.class,
            description = "Clusters to simulate (1 to " + EstatePlan.MAX_CLUSTERS + "), scopes estate-0001 ….")
    int clusters;

    @Option(names = "--members", paramLabel = "M", defaultValue = "3", converter = NumericOptions.Positive.class,
            description = "Members per cluster (1 to " + EstatePlan.MAX_MEMBERS + ", default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "10", converter = NumericOptions.EstateRate.class,
            description = "Changes per second across the estate (0 for none; default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", converter = NumericOptions.AnyLong.class,
            description = "Seed of the changes, to repeat a run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--with-sandbox", description = "Require a sandbox in DIR and use its etcd (refuse to start one).")
    boolean withSandbox;

    @Option(names = "--json", description = "Print what was started as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (clusters > EstatePlan.MAX_CLUSTERS || members > EstatePlan.MAX_MEMBERS || rate > EstatePlan.MAX_RATE) {
            throw new UserException("--clusters is at most " + EstatePlan.MAX_CLUSTERS + ", --members at most "
                    + EstatePlan.MAX_MEMBERS + ", --rate at most " + (int) EstatePlan.MAX_RATE, SandboxCommand.BAD_INPUT);
        }
        PrintWriter err = spec.commandLine().getErr();
        Path d = dir.resolve();
        EstateSandbox.EstateInfo info = new EstateSandbox().start(d, clusters, members, rate, seed, withSandbox,
                line -> {
                    err.println("  " + line);
                    err.flush();
                });
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(info));
        } else {
            out.printf("estate: %d clusters x %d members under %s%s at %s, %s changes/s (simulator pid %d)%n",
                    info.clusters(), info.members(), info.namespace(), EstatePlan.SCOPE_PREFIX, info.etcdUrl(),
                    info.rate(), info.pid());
            out.printf("workspace: %s%n", d.resolve("workspace.yaml"));
            out.printf("stop it with: ./pilothouse sandbox down --dir %s%n", d);
        }
        out.flush();
        return 0;
    }
}
