package io.pilothouse.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;

/**
 * The command line to run a given argument list on. Picocli builds the model of every subcommand by reflection
 * when the root is created — about a second of start-up on a loaded machine, paid by every one-shot command. When
 * the first argument names a subcommand, only that subcommand's model is built, under a root of the same name;
 * anything else (help, version, a misspelt command) gets the full model and its usual messages.
 */
public final class CommandLines {

    private static final Command ROOT = PilothouseCommand.class.getAnnotation(Command.class);

    private CommandLines() {
    }

    /** {@code pilothouse --version} without the subcommands' models: the same name, version text and exit code. */
    @Command(name = "pilothouse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class VersionOnly implements Runnable {
        @Override
        public void run() {
            // Only reached without --version, which forArgs never does.
        }
    }

    /** The command line for {@code args}; set handlers and writers on it afterwards. */
    public static CommandLine forArgs(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return new CommandLine(new VersionOnly());
        }
        if (args.length > 0) {
            for (Class<?> sub : ROOT.subcommands()) {
                Command named = sub.getAnnotation(Command.class);
                if (named != null && (named.name().equals(args[0])
                        || Arrays.asList(named.aliases()).contains(args[0]))) {
                    CommandLine root = new CommandLine(CommandSpec.wrapWithoutInspection(new PilothouseCommand())
                            .name(ROOT.name()));
                    root.addSubcommand(named.name(), new CommandLine(sub), named.aliases());
                    return root;
                }
            }
        }
        return new CommandLine(new PilothouseCommand());
    }
}
