package io.pilothouse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.operations.ConfigAssignments;
import io.pilothouse.services.operations.ConfigPreview;
import io.pilothouse.services.operations.OperationFailedException;
import io.pilothouse.services.operations.ParameterChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pilothouse config show|set}: Patroni's dynamic configuration. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show or change a cluster's dynamic configuration (Patroni's GET/PATCH /config).",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Set.class})
public final class ConfigCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code pilothouse config show --cluster SCOPE}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the dynamic configuration (JSON).")
    static final class Show implements Callable<Integer> {

        @Mixin
        ClusterOperationOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (ClusterOperation op = ClusterOperation.open(options)) {
                JsonNode config;
                try {
                    config = op.operations().readConfig(op.cluster());
                } catch (OperationFailedException e) {
                    throw new UserException(e.getMessage());
                }
                spec.commandLine().getOut().println(Json.pretty(config));
                return 0;
            }
        }
    }

    /** {@code pilothouse config set --cluster SCOPE KEY=VALUE... [--dry-run] [--yes]}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Change dynamic configuration keys: prints the change side by side, checks it, asks you to "
                    + "type the cluster name (unless --yes), sends only the changed keys and waits until Patroni shows "
                    + "them.",
                "KEY is a dotted path (loop_wait, postgresql.parameters.work_mem); VALUE is JSON when it parses "
                    + "as JSON (5, true, \"5\"), else text (16MB); null removes the key."})
    static final class Set implements Callable<Integer> {

        @Mixin
        ClusterOperationOptions options;

        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "Changes to make.")
        List<String> assignments;

        @Option(names = "--dry-run", description = "Print the change and its problems; send nothing.")
        boolean dryRun;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, JsonNode> changes;
            try {
                changes = ConfigAssignments.parse(assignments);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), 2);
            }
            var out = spec.commandLine().getOut();
            try (ClusterOperation op = ClusterOperation.open(options)) {
                ConfigPreview preview;
                try {
                    preview = op.operations().previewConfig(op.cluster(), changes);
                } catch (OperationFailedException e) {
                    throw new UserException(e.getMessage());
                }
                out.print(preview.diff().render());
                if (preview.settings() != null) {
                    java.util.List<String> effects = ParameterChecks.effects(changes, preview.settings());
                    if (!effects.isEmpty()) {
                        out.println("PostgreSQL parameters (pg_settings of the leader):");
                        effects.forEach(out::println);
                    }
                }
                out.flush();
                if (!preview.isValid()) {
                    throw new UserException("configuration change refused, nothing was sent: "
                            + String.join("; ", preview.problems()), ClusterOperation.REFUSED);
                }
                if (dryRun || preview.diff().isEmpty()) {
                    out.println(preview.diff().isEmpty() ? "Nothing to send." : "Dry run: nothing was sent.");
                    return 0;
                }
                if (op.operations().isReadOnly()) {
                    // Let the guard refuse and audit it, without asking a question whose answer cannot matter.
                    return ClusterOperation.report(out, () -> op.operations().editConfig(op.cluster(), changes,
                            out::println));
                }
                if (!yes && !ClusterOperation.confirm(out, "Change the configuration of " + op.cluster().scope()
                        + " as above.", op.cluster().scope())) {
                    throw new UserException("configuration change not confirmed; nothing was sent (pass --yes to "
                            + "skip the question)", ClusterOperation.REFUSED);
                }
                return ClusterOperation.report(out, () -> op.operations().editConfig(op.cluster(), changes,
                        out::println));
            }
        }
    }
}
