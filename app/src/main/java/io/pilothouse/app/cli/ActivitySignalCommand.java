package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.BackendSignalException;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code pilothouse activity cancel|terminate --node N --pid P}: signals one backend. Audited; refused in a read-only
 * workspace; terminate asks to type the pid unless {@code --yes}.
 */
abstract class ActivitySignalCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--node", required = true, paramLabel = "NODE",
            description = "CLUSTER/MEMBER, a member name, or a cluster (its leader).")
    String node;

    @Option(names = "--pid", required = true, paramLabel = "PID", converter = NumericOptions.Positive.class,
            description = "The backend's process id, as `pilothouse activity` shows it.")
    int pid;

    @Option(names = "--as", paramLabel = "ROLE", description = "Connect as this role (a superuser or a member of "
            + "pg_signal_backend) instead of the workspace's; its password comes from pgpass or the keyring.")
    String as;

    @Option(names = "--yes", description = "Do not ask to type the pid.")
    boolean yes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    abstract BackendSignal signal();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            NodeRef n;
            try {
                n = session.activity().find(node);
            } catch (IllegalArgumentException e) {
                throw new UserException("--node: " + e.getMessage(), 2);
            } catch (IllegalStateException e) {
                throw new UserException(e.getMessage() + "; nothing was done", UserErrors.FAILED);
            }
            NodeActivity read = session.activity().read(n);
            if (!read.readable()) {
                throw new UserException(read.error() + "; nothing was done", UserErrors.FAILED);
            }
            ActivitySession target = read.reading().session(pid).orElseThrow(() -> new UserException("pid " + pid
                    + " is not a backend on " + n.label() + " (it has ended, or never was); nothing was done; see "
                    + "`pilothouse activity --node " + n.label() + "`", ClusterOperation.REFUSED));
            String who = "pid " + pid + " on " + n.label() + " (" + target.user() + "@" + target.database() + ", "
                    + target.state().wireName() + ", " + target.queryLine(80) + ")";
            if (signal() == BackendSignal.TERMINATE && !yes && !ClusterOperation.confirm(out, "Terminate " + who
                    + "? Its open transaction rolls back and its connection is closed.", Integer.toString(pid),
                    "pid")) {
                throw new UserException("terminate not confirmed; nothing was done (pass --yes to skip the "
                        + "question)", ClusterOperation.REFUSED);
            }
            try {
                out.println(session.backendSignals().signal(n, pid, signal(), target.backendStart(), as));
            } catch (ReadOnlyWorkspaceException e) {
                throw new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                        ClusterOperation.REFUSED);
            } catch (MutationRefusedException e) {
                throw new UserException(e.getMessage(), ClusterOperation.REFUSED);
            } catch (BackendSignalException e) {
                throw new UserException(e.getMessage(), UserErrors.FAILED);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "pg_cancel_backend: end the backend's running statement (its session stays). Audited; "
                    + "refused in a read-only workspace. Exit 0 sent, 3 refused (nothing done), 1 failed, 2 bad input.")
    static final class Cancel extends ActivitySignalCommand {
        @Override
        BackendSignal signal() {
            return BackendSignal.CANCEL;
        }
    }

    @Command(name = "terminate", mixinStandardHelpOptions = true,
            description = "pg_terminate_backend: close the backend's session (its open transaction rolls back), then "
                    + "check it is gone. Audited; refused in a read-only workspace; asks to type the pid unless "
                    + "--yes. Exit 0 done, 3 refused (nothing done), 1 failed, 2 bad input.")
    static final class Terminate extends ActivitySignalCommand {
        @Override
        BackendSignal signal() {
            return BackendSignal.TERMINATE;
        }
    }
}
