package io.pilothouse.app.cli;

import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.replicas.CheckedPreview;
import io.pilothouse.services.replicas.ReplicaFailedException;
import io.pilothouse.services.replicas.ReplicaRefusedException;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** What {@code replica add} and {@code replica remove} share on the terminal: the preview, the dry run, the exits. */
final class ReplicaCommandSteps {

    private ReplicaCommandSteps() {
    }

    /**
     * Prints the preview and refuses when a check failed.
     *
     * @return false for a dry run (said so; nothing more to do), true to go on
     */
    static boolean showPreview(PrintWriter out, CheckedPreview preview, boolean dryRun) {
        preview.lines().forEach(out::println);
        out.flush();
        if (preview.refused()) {
            throw new UserException("refused: " + preview.failures().size() + " check(s) failed; nothing was done",
                    ClusterOperation.REFUSED);
        }
        if (dryRun) {
            out.println("Dry run: nothing was run.");
            return false;
        }
        return true;
    }

    /** Progress lines as they come. */
    static Consumer<String> printer(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    /** The one-line exit for what a replica operation threw; a failed run's report is printed first. */
    static UserException exit(Exception e, PrintWriter out) {
        if (e instanceof ReplicaFailedException failed) {
            failed.report().lines().forEach(out::println);
            out.flush();
            return new UserException(e.getMessage(), UserErrors.FAILED);
        }
        if (e instanceof ReadOnlyWorkspaceException) {
            return new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                    ClusterOperation.REFUSED);
        }
        if (e instanceof ReplicaRefusedException || e instanceof MutationRefusedException
                || e instanceof HostCommandException) {
            return new UserException(e.getMessage(), ClusterOperation.REFUSED);
        }
        throw new IllegalArgumentException("not a replica operation's exception: " + e.getClass().getName(), e);
    }
}
