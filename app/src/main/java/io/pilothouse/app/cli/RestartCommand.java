package io.pilothouse.app.cli;

import io.pilothouse.services.operations.RestartOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code pilothouse restart --cluster SCOPE --member M}: restart PostgreSQL on a member, now or at a time. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart PostgreSQL on one member (now, or scheduled with --at; --cancel removes a scheduled"
                + " one); waits until it runs again.")
public final class RestartCommand implements Callable<Integer> {

    @Mixin
    ClusterOperationOptions options;

    @Option(names = "--member", required = true, paramLabel = "NAME", description = "The member to restart.")
    String member;

    @Option(names = "--pending-only", description = "Only if a changed setting needs a restart.")
    boolean pendingOnly;

    @Option(names = "--role", paramLabel = "ROLE", description = "Only if the member is the PRIMARY or a REPLICA.")
    RestartOptions.Role role;

    @Option(names = "--at", paramLabel = "ISO-TIME",
            description = "Schedule it, e.g. 2030-01-01T03:00:00+01:00 (a time zone is required).")
    String at;

    @Option(names = "--cancel", description = "Cancel the member's scheduled restart instead.")
    boolean cancel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OffsetDateTime when = null;
        if (at != null) {
            try {
                when = OffsetDateTime.parse(at);
            } catch (DateTimeParseException e) {
                throw new UserException("--at '" + at + "' is not an ISO time with a time zone; write e.g. "
                        + "2030-01-01T03:00:00+01:00 or 2030-01-01T02:00:00Z", 2);
            }
        }
        RestartOptions restart = new RestartOptions(pendingOnly, role, when);
        try (ClusterOperation op = ClusterOperation.open(options)) {
            var out = spec.commandLine().getOut();
            return ClusterOperation.report(out, () -> cancel
                    ? op.operations().cancelScheduledRestart(op.cluster(), member, out::println)
                    : op.operations().restart(op.cluster(), member, restart, out::println));
        }
    }
}
