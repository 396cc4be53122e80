package io.pilothouse.app.cli;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.indoubt.ResolutionException;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pilothouse indoubt resolve --gid G --node N --commit|--rollback}: finishes one prepared branch. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "COMMIT PREPARED or ROLLBACK PREPARED one branch, connected to its database as its owner (or "
                + "--as a superuser), then check it is gone. Audited; refused in a read-only workspace. Asks you to "
                + "type the node's cluster name unless --yes.")
public final class IndoubtResolveCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    SettleTimeout timeout;

    @Option(names = "--gid", required = true, paramLabel = "GID", description = "The branch's gid, exactly.")
    String gid;

    @Option(names = "--node", required = true, paramLabel = "NODE",
            description = "Where the branch is: CLUSTER/MEMBER as `indoubt list` shows it, or just CLUSTER.")
    String node;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    static final class Decision {
        @Option(names = "--commit", required = true, description = "COMMIT PREPARED.")
        boolean commit;

        @Option(names = "--rollback", required = true, description = "ROLLBACK PREPARED.")
        boolean rollback;
    }

    @Option(names = "--as", paramLabel = "ROLE", description = "Connect as this role (a superuser) instead of the "
            + "branch's owner; its password comes from pgpass or the keyring.")
    String as;

    @Option(names = "--yes", description = "Do not ask to type the cluster name.")
    boolean yes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS)) {
            session.awaitSettled(timeout.duration());
            List<PreparedBranch> matches = session.inDoubt().scan().branches().stream()
                    .filter(b -> b.gid().equals(gid))
                    .filter(b -> b.node().label().equals(node) || b.node().scope().equals(node)).toList();
            if (matches.isEmpty()) {
                throw new UserException("no prepared transaction " + GidText.quoted(gid) + " on " + node
                        + "; see `pilothouse indoubt list` for the gids and nodes (it may have been resolved "
                        + "already)", ClusterOperation.REFUSED);
            }
            if (matches.size() > 1) {
                throw new UserException("gid " + GidText.quoted(gid) + " is on several nodes of " + node + ": "
                        + matches.stream().map(b -> b.node().label()).toList() + "; name one as CLUSTER/MEMBER",
                        2);
            }
            PreparedBranch b = matches.get(0);
            String verb = decision.commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED";
            if (!yes && !ClusterOperation.confirm(out, verb + " " + GidText.quoted(b.gid()) + " on "
                    + b.node().label() + " (database " + b.database() + ", owner " + b.owner() + ", prepared "
                    + b.prepared() + ", " + b.locks().size() + " lock(s))?", b.node().scope())) {
                throw new UserException(verb + " not confirmed; nothing was done (pass --yes to skip the question)",
                        ClusterOperation.REFUSED);
            }
            try {
                out.println(session.inDoubtOperations().resolve(b, decision.commit, as));
            } catch (ReadOnlyWorkspaceException e) {
                throw new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                        ClusterOperation.REFUSED);
            } catch (MutationRefusedException e) {
                throw new UserException(e.getMessage(), ClusterOperation.REFUSED);
            } catch (ResolutionException e) {
                throw new UserException(e.getMessage(), UserErrors.FAILED);
            }
            out.flush();
            return 0;
        }
    }
}
