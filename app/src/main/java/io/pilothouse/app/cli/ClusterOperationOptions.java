package io.pilothouse.app.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every cluster operation command needs: where clusters come from, which cluster, how long to wait. */
final class ClusterOperationOptions {

    @Mixin
    SourceOptions source;

    @Option(names = "--cluster", required = true, paramLabel = "SCOPE", description = "The cluster (Patroni scope).")
    String cluster;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "180", converter = NumericOptions.Positive.class,
            description = "How long to wait for the outcome to show (default: ${DEFAULT-VALUE}).")
    int waitSeconds;
}
