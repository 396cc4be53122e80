package io.pilothouse.app.cli;

import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.hosts.SshSettings;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.replicas.RemovalPreview;
import io.pilothouse.services.replicas.ReplicaFailedException;
import io.pilothouse.services.replicas.ReplicaRefusedException;
import io.pilothouse.services.replicas.ReplicaRemoval;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.TargetHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code pilothouse replica remove}: stop a replica, remove its member key or slot; never the leader. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a replica: stop it (Patroni, or PostgreSQL), remove its member key (Patroni) or drop "
                + "its slot on its upstream (plain). Refuses the leader and the last synchronous or quorum standby. "
                + "Asks you to type the member name unless --yes.")
public final class ReplicaRemoveCommand implements Callable<Integer> {

    @Mixin
    ClusterOperationOptions options;

    @Option(names = "--member", required = true, paramLabel = "NAME", description = "The replica (a plain "
            + "member's name is its host:port).")
    String member;

    @Option(names = "--ssh", paramLabel = "[USER@]HOST[:PORT]", description = "The member's host over SSH "
            + "(default: this machine).")
    String ssh;

    @Mixin
    SshOptions sshOptions;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", converter = NumericOptions.NonNegative.class, description = "Its PostgreSQL port (default: "
            + "from the live model or the name).")
    int port;

    @Option(names = "--delete-data", description = "Also delete its data directory and the files Pilothouse wrote "
            + "next to it.")
    boolean deleteData;

    @Option(names = "--replication-user", defaultValue = "replicator", paramLabel = "ROLE",
            description = "The role that drops a plain replica's slot (default: ${DEFAULT-VALUE}).")
    String replicationUser;

    @Option(names = "--os-user", defaultValue = "postgres", paramLabel = "USER", description = "Who runs PostgreSQL "
            + "when the shell is root (default: ${DEFAULT-VALUE}).")
    String osUser;

    @Option(names = "--dry-run", description = "Show the checks and every command, run nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterOperation op = ClusterOperation.open(options);
             HostShell shell = sshOptions.open(Optional.ofNullable(ssh),
                     SshSettings.forWorkspace(options.source.workspace()))) {
            ReplicaRemoval removal = op.session().replicas().removal(op.cluster());
            TargetHost target = TargetHost.on(shell, osUser);
            RemovalPreview preview = removal.preview(ReplicaClusters.withLeader(op, options), member, port, target, deleteData, replicationUser);
            if (!ReplicaCommandSteps.showPreview(out, preview, dryRun)) {
                return 0;
            }
            if (!yes && !ClusterOperation.confirm(out, "This stops " + member + " and removes it from "
                    + op.cluster().scope() + ".", member, "member name")) {
                throw new UserException("removing " + member + " not confirmed; nothing was done (pass --yes to "
                        + "skip the question)", ClusterOperation.REFUSED);
            }
            ReplicaReport report = removal.remove(preview, target, ReplicaCommandSteps.printer(out));
            report.lines().forEach(out::println);
            return 0;
        } catch (ReplicaFailedException | ReplicaRefusedException | MutationRefusedException | HostCommandException e) {
            throw ReplicaCommandSteps.exit(e, out);
        }
    }
}
