package io.pilothouse.app.cli;

import picocli.CommandLine.Command;

/** {@code pilothouse replica add|remove}: grow or shrink a cluster, Patroni or plain, locally or over SSH. */
@Command(name = "replica", mixinStandardHelpOptions = true,
        description = "Add or remove a replica (Patroni or plain streaming clusters): pre-checks with reasons, a "
                + "preview of every command run on the host, audited, under the etcd operation lock.",
        subcommands = {ReplicaAddCommand.class, ReplicaRemoveCommand.class})
public final class ReplicaCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
