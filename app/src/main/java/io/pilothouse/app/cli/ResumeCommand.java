package io.pilothouse.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse resume --cluster SCOPE}: maintenance mode off, verified in the live model. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Take a cluster out of maintenance mode (automatic failover again); waits until it shows.")
public final class ResumeCommand implements Callable<Integer> {

    @Mixin
    ClusterOperationOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ClusterOperation op = ClusterOperation.open(options)) {
            var out = spec.commandLine().getOut();
            return ClusterOperation.report(out, () -> op.operations().resume(op.cluster(), out::println));
        }
    }
}
