package io.pilothouse.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse pause --cluster SCOPE}: maintenance mode on, verified in the live model. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Put a cluster in maintenance mode (Patroni stops automatic failover); waits until it shows.")
public final class PauseCommand implements Callable<Integer> {

    @Mixin
    ClusterOperationOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ClusterOperation op = ClusterOperation.open(options)) {
            var out = spec.commandLine().getOut();
            return ClusterOperation.report(out, () -> op.operations().pause(op.cluster(), out::println));
        }
    }
}
