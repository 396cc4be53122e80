package io.pilothouse.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code pilothouse traffic}: the traffic layer (HAProxy, PgBouncer). The operations are its subcommands; the read
 * of every entry point (branch traffic-read) is the command itself once merged.
 */
@Command(name = "traffic", mixinStandardHelpOptions = true, description = "The traffic layer: HAProxy, PgBouncer.",
        subcommands = {TrafficHaproxyCommand.class, TrafficPgBouncerCommand.class})
public final class TrafficCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
