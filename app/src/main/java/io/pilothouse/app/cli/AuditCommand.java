package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.services.policy.AuditException;
import io.pilothouse.services.policy.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * {@code pilothouse audit}: where the audit log is, whether its hash chain is intact, and what it records. Reads
 * only; the log file is the one {@link AuditLogs#path()} names (PILOTHOUSE_AUDIT_LOG, else the state directory).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Inspect the audit log of changes made through Pilothouse.",
        subcommands = AuditListCommand.class)
public final class AuditCommand implements Runnable {

    /** Exit status of {@code audit verify} when the chain is broken (1 stays "could not check at all"). */
    public static final int BROKEN = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "path", mixinStandardHelpOptions = true, description = "Print the audit log's file path.")
    int path() {
        spec.commandLine().getOut().println(AuditLogs.path());
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the keyed hash chain: exit 0 when intact, " + BROKEN + " with the first bad line "
                    + "when a record was edited, removed, inserted or moved, or when the log is missing or empty; 1 "
                    + "when it cannot be checked (unreadable log or key).")
    int verify() {
        AuditVerification v;
        try {
            v = AuditLogs.open().verify();
        } catch (AuditException e) {
            throw new UserException(e.getMessage() + "; check the file's permissions");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (v.intact()) {
            out.println("intact: " + v.records() + " record" + (v.records() == 1 ? "" : "s")
                    + (v.key() == null ? " (unkeyed)" : ", keyed with the " + v.key()
                    + (v.unkeyedRecords() > 0 ? "; the first " + v.unkeyedRecords() + " are unkeyed (written before "
                    + "the key existed) and only chain-checked" : "")));
            return 0;
        }
        if (v.firstBadLine().isEmpty()) {
            // A missing or emptied log is never "intact: 0 records": it may have been deleted.
            out.println(v.problem());
            return BROKEN;
        }
        out.println("broken at line " + v.firstBadLine().orElse(0) + ": " + v.problem());
        out.println(v.records() + " record" + (v.records() == 1 ? "" : "s") + " before it are intact; "
                + AuditLogs.path());
        return BROKEN;
    }
}
