package io.pilothouse.app.cli;

import picocli.CommandLine.Option;

/** {@code --partition}, {@code --to}, {@code --dry-run}, {@code --yes}, {@code --json}: what a move or split does. */
final class PlanOptions {

    @Option(names = "--partition", required = true, paramLabel = "TABLE",
            description = "The partition, e.g. demo.orders_p3.")
    String partition;

    @Option(names = "--to", required = true, paramLabel = "SERVER",
            description = "The coordinator's foreign server for the target node (pilothouse shards lists them).")
    String to;

    @Option(names = "--dry-run", description = "Print the plan, the guard-rails and every statement; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask to type the partition name.")
    boolean yes;

    @Option(names = "--json", description = "Print the plan (with --dry-run) or the final journal record as JSON.")
    boolean json;
}
