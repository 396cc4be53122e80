package io.pilothouse.app.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What {@code switchover} and {@code failover} share. */
final class LeaderChangeOptions {

    @Mixin
    ClusterOperationOptions cluster;

    @Option(names = "--to", paramLabel = "MEMBER",
            description = "The member to promote. Without it, --dry-run prints the checks of every candidate.")
    String candidate;

    @Option(names = "--dry-run", description = "Print the pre-check matrix and exit: 0 when the candidate (or, "
            + "without --to, any candidate) may be chosen, 3 when not.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask to type the cluster name.")
    boolean yes;

    @Option(names = "--json", description = "Print the check matrix and the report as JSON.")
    boolean json;

    @Option(names = "--verify-timeout", paramLabel = "SECONDS", converter = NumericOptions.NonNegativeLong.class,
            description = "How long to verify after the leader change before a line that does not hold fails it "
                    + "(exit 1, outcome uncertain); default 60, at most 3600.")
    Long verifyTimeoutSeconds;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also save the report: JSON when FILE ends in .json, else Markdown.")
    Path report;
}
