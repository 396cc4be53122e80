package io.pilothouse.app.cli;

import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.trafficops.TrafficPreview;
import io.pilothouse.services.trafficops.TrafficSourceException;

import java.io.PrintWriter;

/**
 * The command-line flow shared by the traffic operations: resume pauses a killed app left behind, print the
 * preview, ask to type the name of the thing at risk, run, print what was read back. Exit 0 done, 3 refused, 1
 * failed, 2 bad input.
 */
final class TrafficOperationRun {

    /** The preview, read before asking. */
    interface Preview {
        TrafficPreview read() throws Exception;
    }

    /** The operation itself. */
    interface Change {
        String run() throws Exception;
    }

    private TrafficOperationRun() {
    }

    static int run(ClusterOperation op, PrintWriter out, String typedName, String noun, boolean yes, Preview preview,
                   Change change) throws Exception {
        op.session().trafficOps().resumeLeftPauses().forEach(line -> out.println("left behind: " + line));
        TrafficPreview p;
        try {
            p = preview.read();
        } catch (TrafficSourceException e) {
            throw new UserException(e.getMessage() + "; nothing was done", UserErrors.FAILED);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage() + "; nothing was done", 2);
        }
        out.println(p.describe());
        if (!yes && !ClusterOperation.confirm(out, p.action() + "?", typedName, noun)) {
            throw new UserException(p.action() + " not confirmed; nothing was done (pass --yes to skip the question)",
                    ClusterOperation.REFUSED);
        }
        try {
            out.println(change.run());
        } catch (ReadOnlyWorkspaceException e) {
            throw new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                    ClusterOperation.REFUSED);
        } catch (MutationRefusedException e) {
            throw new UserException(e.getMessage(), ClusterOperation.REFUSED);
        } catch (TrafficSourceException e) {
            throw new UserException(e.getMessage(), UserErrors.FAILED);
        }
        out.flush();
        return 0;
    }
}
