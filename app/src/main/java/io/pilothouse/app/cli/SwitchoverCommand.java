package io.pilothouse.app.cli;

import io.pilothouse.services.switchover.OperationKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code pilothouse switchover --cluster SCOPE --to MEMBER}: a checked, watched and verified switchover. */
@Command(name = "switchover", mixinStandardHelpOptions = true,
        description = "Move the leader to another member: pre-checks (--dry-run prints only them), Patroni's "
                + "switchover, live progress, a write probe and a verification report.")
public final class SwitchoverCommand implements Callable<Integer> {

    @Mixin
    LeaderChangeOptions options;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Schedule it (ISO-8601 with offset, e.g. 2026-11-21T23:00:00+01:00) instead of now.")
    String at;

    @Option(names = "--cancel", description = "Cancel the scheduled switchover of --cluster instead.")
    boolean cancel;

    @Mixin
    HoldClientsOptions clients;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (cancel) {
            return LeaderChange.cancel(options, spec.commandLine().getOut());
        }
        Instant when = null;
        if (at != null) {
            try {
                when = OffsetDateTime.parse(at).toInstant();
            } catch (DateTimeParseException e) {
                throw new UserException("--at '" + at + "' is not an ISO-8601 time with an offset, e.g. "
                        + "2026-11-21T23:00:00+01:00 or 2026-11-21T22:00:00Z", 2);
            }
            if (when.isBefore(Instant.now())) {
                throw new UserException("--at " + at + " is in the past; leave --at out to switch over now", 2);
            }
        }
        if (clients.hold && clients.database == null) {
            throw new UserException("--hold-clients needs --pgbouncer-database DB (the PgBouncer database the "
                    + "clients use)", 2);
        }
        if (clients.hold && when != null) {
            throw new UserException("--hold-clients is for a switchover now, not one scheduled with --at", 2);
        }
        return LeaderChange.run(OperationKind.SWITCHOVER, options, when, spec.commandLine().getOut(),
                spec.commandLine().getErr(), clients);
    }
}
