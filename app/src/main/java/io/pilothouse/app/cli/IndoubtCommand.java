package io.pilothouse.app.cli;

import picocli.CommandLine.Command;

/** {@code pilothouse indoubt list|resolve}: prepared (two-phase-commit) transactions across the workspace. */
@Command(name = "indoubt", mixinStandardHelpOptions = true,
        description = "In-doubt (prepared, 2PC) transactions on every primary: list them grouped by global "
                + "transaction with an advice, or resolve one branch.",
        subcommands = {IndoubtListCommand.class, IndoubtResolveCommand.class})
public final class IndoubtCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
