package io.pilothouse.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse reload --cluster SCOPE [--member M]}: Patroni re-reads its configuration and reloads PostgreSQL. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make Patroni re-read its configuration and reload PostgreSQL, on one member or all of them.")
public final class ReloadCommand implements Callable<Integer> {

    @Mixin
    ClusterOperationOptions options;

    @Option(names = "--member", paramLabel = "NAME", description = "Only this member (default: every member).")
    String member;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ClusterOperation op = ClusterOperation.open(options)) {
            var out = spec.commandLine().getOut();
            return ClusterOperation.report(out, () -> op.operations().reload(op.cluster(), member, out::println));
        }
    }
}
