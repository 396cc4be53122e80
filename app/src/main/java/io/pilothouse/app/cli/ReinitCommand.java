package io.pilothouse.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse reinit --cluster SCOPE --member M}: rebuild a replica from the leader. */
@Command(name = "reinit", mixinStandardHelpOptions = true,
        description = "Rebuild a replica from the leader (its data directory is wiped); refused on the leader. "
                + "Asks you to type the cluster name unless --yes.")
public final class ReinitCommand implements Callable<Integer> {

    @Mixin
    ClusterOperationOptions options;

    @Option(names = "--member", required = true, paramLabel = "NAME", description = "The replica to rebuild.")
    String member;

    @Option(names = "--force", description = "Cancel whatever Patroni is doing on the member first.")
    boolean force;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ClusterOperation op = ClusterOperation.open(options)) {
            var out = spec.commandLine().getOut();
            if (!yes && !ClusterOperation.confirm(out, "This wipes " + member + "'s data and copies it again from "
                    + op.cluster().leader() + ".", op.cluster().scope())) {
                throw new UserException("reinit of " + member + " not confirmed; nothing was done (pass --yes to "
                        + "skip the question)", ClusterOperation.REFUSED);
            }
            return ClusterOperation.report(out, () -> op.operations().reinitialize(op.cluster(), member, force,
                    out::println));
        }
    }
}
