package io.pilothouse.app.cli;

import io.pilothouse.services.switchover.OperationKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pilothouse failover --cluster SCOPE --to MEMBER}: promote a replica when there is no healthy leader. */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Promote a chosen replica, also without a leader: shows the data a promotion would lose, then "
                + "Patroni's failover, progress and a verification report. Prefer switchover while a leader is up.")
public final class FailoverCommand implements Callable<Integer> {

    @Mixin
    LeaderChangeOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return LeaderChange.run(OperationKind.FAILOVER, options, null, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
