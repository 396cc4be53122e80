package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.operations.OperationFailedException;
import io.pilothouse.services.operations.OperationResult;
import io.pilothouse.services.operations.OperationTimeouts;
import io.pilothouse.services.operations.PatroniOperations;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.workspace.Workspace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

/**
 * One command-line operation on one cluster: a live session of the workspace, the cluster found in it, and the
 * {@link PatroniOperations} wired to the session's guard (read-only flag, audit log, etcd operation lock). Close it to stop.
 */
final class ClusterOperation implements AutoCloseable {

    /** Exit status when the operation was refused (read-only workspace, invalid input, a pre-check said no). */
    static final int REFUSED = 3;

    private final LiveSession session;
    private final ClusterSnapshot cluster;
    private final PatroniOperations operations;

    private ClusterOperation(LiveSession session, ClusterSnapshot cluster, PatroniOperations operations) {
        this.session = session;
        this.cluster = cluster;
        this.operations = operations;
    }

    /** Starts the live model, waits for it to settle, and finds the cluster; fails in words when it is not there. */
    static ClusterOperation open(ClusterOperationOptions options) throws InterruptedException {
        Workspace workspace = options.source.workspace();
        LiveSession session = LiveSession.start(workspace, LiveSettings.DEFAULTS);
        try {
            boolean settled = session.awaitSettled(options.timeout.duration());
            List<ClusterSnapshot> matches = session.feed().latest().clusters().stream()
                    .filter(c -> c.scope().equals(options.cluster)).toList();
            if (matches.isEmpty()) {
                throw new UserException("no cluster '" + options.cluster + "' found within " + options.timeout.seconds
                        + " s; clusters seen: " + session.feed().latest().clusters().stream()
                        .map(ClusterSnapshot::scope).toList() + "; check --cluster and the source options"
                        + (settled ? "" : " (not every source answered in time: it may be there)"),
                        // Every source answered and none has it: a wrong name, bad input. Otherwise: uncertain.
                        settled ? 2 : UserErrors.FAILED);
            }
            if (matches.size() > 1) {
                throw new UserException("the scope '" + options.cluster + "' is found through several sources "
                        + matches.stream().map(ClusterSnapshot::source).toList()
                        + "; use --workspace with one source for it");
            }
            Duration wait = Duration.ofSeconds(Math.max(1, options.waitSeconds));
            PatroniOperations ops = session.operations(new OperationTimeouts(
                    wait.compareTo(Duration.ofSeconds(120)) > 0 ? Duration.ofSeconds(120) : wait, wait));
            return new ClusterOperation(session, matches.get(0), ops);
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
    }

    LiveSession session() {
        return session;
    }

    ClusterSnapshot cluster() {
        return cluster;
    }

    PatroniOperations operations() {
        return operations;
    }

    /** An operation call. */
    interface Call {
        OperationResult run() throws Exception;
    }

    /**
     * Runs {@code call}, prints its summary and answers, and turns refusals and failures into one line with an exit
     * status: {@link #REFUSED} when nothing was sent, {@link UserErrors#FAILED} when it was sent and failed.
     */
    static int report(PrintWriter out, Call call) throws Exception {
        OperationResult result;
        try {
            result = call.run();
        } catch (ReadOnlyWorkspaceException e) {
            throw new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                    REFUSED);
        } catch (MutationRefusedException e) {
            throw new UserException(e.getMessage(), REFUSED);
        } catch (OperationFailedException e) {
            throw new UserException(e.getMessage(), UserErrors.FAILED);
        }
        out.println(result.summary());
        result.answers().forEach(a -> out.println("  Patroni: " + a));
        out.flush();
        return 0;
    }

    /**
     * Asks the person at the terminal to type {@code expected} (the cluster name) to go ahead. Without a terminal
     * and without {@code --yes} there is nobody to ask, so the answer is no.
     */
    static boolean confirm(PrintWriter out, String what, String expected) {
        return confirm(out, what, expected, "cluster name");
    }

    /** Asks on the terminal to type {@code expected} (called {@code noun} in the question); true when typed exactly. */
    static boolean confirm(PrintWriter out, String what, String expected, String noun) {
        out.print(what + "\nType the " + noun + " (" + expected + ") to go ahead: ");
        out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
            return line != null && line.strip().equals(expected);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
