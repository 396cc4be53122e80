package io.pilothouse.app.cli;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.ClientHold;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.Outcome;
import io.pilothouse.services.switchover.ReportFormats;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.SwitchoverService;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;

/**
 * The command-line flow of a switchover or failover, on the same service as the wizard: pre-checks printed (the
 * whole answer of a dry run), a typed confirmation, progress lines, then the verification report. Exit status 0
 * when completed, 3 when refused (nothing changed), 1 when it failed or the outcome is uncertain.
 */
final class LeaderChange {

    private LeaderChange() {
    }

    static int run(OperationKind kind, LeaderChangeOptions options, Instant at, PrintWriter out, PrintWriter err)
            throws Exception {
        return run(kind, options, at, out, err, null);
    }

    /** As above; {@code clients} (switchover only, may be null) holds clients at PgBouncer and/or checkpoints. */
    static int run(OperationKind kind, LeaderChangeOptions options, Instant at, PrintWriter out, PrintWriter err,
                   HoldClientsOptions clients) throws Exception {
        java.time.Duration verifyTimeout = verifyTimeout(options);
        if (!options.dryRun && options.candidate == null) {
            throw new UserException("name the member to promote with --to MEMBER (or use --dry-run to see the "
                    + "candidates)", 2);
        }
        FileOptions.checkOutput(options.report, "--report");
        try (ClusterOperation op = ClusterOperation.open(options.cluster)) {
            ClusterSnapshot cluster = op.cluster();
            SwitchoverService service = verifyTimeout == null ? op.session().switchovers()
                    : op.session().switchovers().withVerifyTimeout(verifyTimeout);
            CheckMatrix matrix = service.check(cluster.source(), cluster.scope(), kind, at);
            if (options.candidate != null && matrix.row(options.candidate).isEmpty()) {
                throw new UserException(options.candidate + " is not a replica of " + cluster.scope()
                        + "; candidates: " + matrix.rows().stream().map(r -> r.candidate()).toList(),
                        ClusterOperation.REFUSED);
            }
            if (options.dryRun) {
                print(out, options.json ? ReportFormats.jsonText(ReportFormats.json(matrix))
                        : ReportFormats.markdown(matrix));
                boolean ok = options.candidate == null ? !matrix.eligible().isEmpty()
                        : matrix.row(options.candidate).orElseThrow().eligible();
                return ok ? 0 : ClusterOperation.REFUSED;
            }
            if (!options.json) {
                print(out, ReportFormats.markdown(matrix));
            }
            SwitchoverRequest request = new SwitchoverRequest(kind, cluster.source(), cluster.scope(),
                    options.candidate, at);
            String question = request.actionLabel() + "?";
            if (kind == OperationKind.FAILOVER) {
                question = "Data at risk: " + matrix.row(options.candidate).flatMap(r -> r.result(CheckId.SYNCHRONOUS))
                        .map(r -> r.reason()).orElse("not known") + "\n" + question;
            }
            if (!options.yes && !ClusterOperation.confirm(out, question, cluster.scope())) {
                throw new UserException(kind.word() + " of " + cluster.scope() + " not confirmed; nothing was done "
                        + "(pass --yes to skip the question)", ClusterOperation.REFUSED);
            }
            SwitchoverReport report;
            ClientHold hold = ClientHold.NONE;
            if (clients != null && clients.hold) {
                op.session().trafficOps().resumeLeftPauses().forEach(l -> (options.json ? err : out)
                        .println("left behind: " + l));
                try {
                    hold = op.session().trafficOps().hold(cluster, clients.bouncer.resolve(
                            options.cluster.source.workspace(), cluster.source()), clients.database);
                } catch (IllegalArgumentException e) {
                    throw new UserException("--pgbouncer-database: " + e.getMessage(), 2);
                }
            }
            try {
                report = service.run(request, step -> {
                    (options.json ? err : out).println(step.describe());
                    (options.json ? err : out).flush();
                }, hold, clients != null && clients.checkpointFirst);
            } catch (ReadOnlyWorkspaceException e) {
                throw new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                        ClusterOperation.REFUSED);
            } catch (MutationRefusedException e) {
                throw new UserException(e.getMessage(), ClusterOperation.REFUSED);
            }
            print(out, options.json ? ReportFormats.jsonText(ReportFormats.json(report))
                    : "\n" + ReportFormats.markdown(report));
            save(options, report, err);
            return exitStatus(report.outcome());
        }
    }

    /**
     * The exit status of an operation that ended so: 0 completed (every verification line held) or scheduled, 3
     * refused (nothing changed), 1 failed or uncertain (a verification line failed, or the answer was lost).
     */
    static int exitStatus(Outcome outcome) {
        return switch (outcome) {
            case COMPLETED, SCHEDULED -> 0;
            case REFUSED -> ClusterOperation.REFUSED;
            case FAILED, UNCERTAIN -> UserErrors.FAILED;
        };
    }

    /** {@code --verify-timeout}, checked; null when not given. */
    static java.time.Duration verifyTimeout(LeaderChangeOptions options) {
        if (options.verifyTimeoutSeconds == null) {
            return null;
        }
        long s = options.verifyTimeoutSeconds;
        if (s < 1 || s > io.pilothouse.services.switchover.SwitchoverSettings.MAX_VERIFY_TIMEOUT.toSeconds()) {
            throw new UserException("--verify-timeout " + s + " is out of range: give seconds from 1 to "
                    + io.pilothouse.services.switchover.SwitchoverSettings.MAX_VERIFY_TIMEOUT.toSeconds()
                    + " (default 60)", 2);
        }
        return java.time.Duration.ofSeconds(s);
    }

    /** {@code switchover --cancel}: removes the scheduled switchover. */
    static int cancel(LeaderChangeOptions options, PrintWriter out) throws Exception {
        try (ClusterOperation op = ClusterOperation.open(options.cluster)) {
            ClusterSnapshot cluster = op.cluster();
            out.println(op.session().switchovers().cancelScheduled(cluster.source(), cluster.scope()));
            out.flush();
            return 0;
        } catch (ReadOnlyWorkspaceException e) {
            throw new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                    ClusterOperation.REFUSED);
        } catch (MutationRefusedException e) {
            throw new UserException(e.getMessage(), ClusterOperation.REFUSED);
        } catch (IllegalStateException e) {
            throw new UserException(e.getMessage(), UserErrors.FAILED);
        }
    }

    private static void save(LeaderChangeOptions options, SwitchoverReport report, PrintWriter err) {
        if (options.report == null) {
            return;
        }
        boolean json = options.report.getFileName().toString().endsWith(".json");
        try {
            Files.writeString(options.report, json ? ReportFormats.jsonText(ReportFormats.json(report))
                    : ReportFormats.markdown(report), StandardCharsets.UTF_8);
            err.println("report saved to " + options.report.toAbsolutePath());
        } catch (IOException e) {
            err.println("pilothouse: could not save the report to " + options.report + ": " + e.getMessage()
                    + "; it is printed above");
        }
        err.flush();
    }

    private static void print(PrintWriter out, String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
