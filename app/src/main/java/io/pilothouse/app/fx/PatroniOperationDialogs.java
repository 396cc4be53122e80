package io.pilothouse.app.fx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.operations.ConfigAssignments;
import io.pilothouse.services.operations.ConfigDiff;
import io.pilothouse.services.operations.ConfigPreview;
import io.pilothouse.services.operations.OperationFailedException;
import io.pilothouse.services.operations.OperationResult;
import io.pilothouse.services.operations.OperationTimeouts;
import io.pilothouse.services.operations.PatroniOperations;
import io.pilothouse.services.operations.RestartOptions;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.ClusterAction;
import io.pilothouse.views.main.ClusterActionHandler;
import io.pilothouse.views.operations.ConfigEditPane;
import io.pilothouse.views.operations.DiffRow;
import io.pilothouse.views.operations.OperationProgressPane;
import io.pilothouse.views.operations.RestartOptionsPane;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Operations menu's Patroni operations (restart, reload, reinitialise, pause, resume, dynamic configuration) as
 * windows: each confirms, runs the {@link PatroniOperations} call on the session's I/O executor, pushes its progress
 * lines to the FX thread and shows the verified outcome or the refusal/failure. Switchover and failover are not
 * handled here.
 *
 * <p>The windows are not modal on purpose: while a restart runs the user should watch the topology in the main
 * window, and closing the operation's window leaves the operation running on the server.
 */
public final class PatroniOperationDialogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Window owner;
    private final LiveSession session;
    private final PatroniOperations operations;
    private final Executor io;

    /**
     * @param owner   the main window (the dialogs take its theme), or null
     * @param session the live session whose guard (read-only, audit, etcd lock) every operation runs inside
     */
    public PatroniOperationDialogs(Window owner, LiveSession session) {
        this.owner = owner;
        this.session = session;
        this.operations = session.operations(OperationTimeouts.DEFAULTS);
        this.io = session.ioExecutor();
    }

    /** A handler for {@code MainView.clusterActionsProperty()} that opens these dialogs. */
    public static ClusterActionHandler handler(Window owner, LiveSession session) {
        return new PatroniOperationDialogs(owner, session)::perform;
    }

    /** Opens the dialog of {@code action}; FX thread, returns at once. Switchover and failover are ignored. */
    public void perform(ClusterAction action, ClusterSnapshot cluster, String member) {
        open(action, cluster, member);
    }

    /**
     * As {@link #perform}, returning the window opened (null for the actions not handled here, or a member action
     * without a member).
     */
    public Stage open(ClusterAction action, ClusterSnapshot cluster, String member) {
        if (action.needsMember() && member == null) {
            return null; // the menu disables these without a selection
        }
        String scope = cluster.scope();
        return switch (action) {
            case RESTART_MEMBER -> restart(cluster, member);
            case RELOAD_MEMBER -> {
                OperationProgressPane pane = OperationProgressPane.oneClick("Reload " + member,
                        OperationWording.reload(cluster, member), "Reloading " + member + " \u2026");
                yield operation(pane, "Reload " + member, p -> operations.reload(latest(cluster), member, p));
            }
            case REINITIALIZE_MEMBER -> {
                OperationProgressPane pane = OperationProgressPane.typed("Reinitialize " + member, scope,
                        OperationWording.reinitialize(cluster, member), "Reinitialising " + member + " \u2026");
                yield operation(pane, "Reinitialize " + member,
                        p -> operations.reinitialize(latest(cluster), member, false, p));
            }
            case PAUSE -> {
                OperationProgressPane pane = OperationProgressPane.typed("Pause " + scope, scope,
                        OperationWording.pause(cluster), "Pausing " + scope + " \u2026");
                yield operation(pane, "Pause " + scope, p -> operations.pause(latest(cluster), p));
            }
            case RESUME -> {
                OperationProgressPane pane = OperationProgressPane.typed("Resume " + scope, scope,
                        OperationWording.resume(cluster), "Resuming " + scope + " \u2026");
                yield operation(pane, "Resume " + scope, p -> operations.resume(latest(cluster), p));
            }
            case EDIT_CONFIGURATION -> editConfiguration(cluster);
            case SWITCHOVER, FAILOVER, MOVE_PARTITION -> null;
        };
    }

    /** A blocking operation, given the progress sink. */
    @FunctionalInterface
    private interface Call {
        OperationResult run(Consumer<String> progress) throws Exception;
    }

    private Stage restart(ClusterSnapshot cluster, String member) {
        RestartOptionsPane options = new RestartOptionsPane();
        OperationProgressPane pane = OperationProgressPane.typed("Restart " + member, cluster.scope(),
                OperationWording.restart(cluster, member), "Restarting " + member + " \u2026");
        pane.addConfirmationDetails(options.root());
        pane.confirmReadyProperty().bind(options.validProperty());
        // The options are read when the user confirms, on the FX thread, not inside the background call.
        Stage stage = window("Restart " + member, pane.root());
        wire(pane, stage, () -> {
            RestartOptions opts = new RestartOptions(options.pendingOnly(), null, options.schedule());
            return p -> operations.restart(latest(cluster), member, opts, p);
        });
        return stage;
    }

    private Stage operation(OperationProgressPane pane, String title, Call call) {
        Stage stage = window(title, pane.root());
        wire(pane, stage, () -> call);
        return stage;
    }

    private void wire(OperationProgressPane pane, Stage stage, java.util.function.Supplier<Call> call) {
        pane.setOnCancel(stage::close);
        pane.setOnClose(stage::close);
        pane.setOnConfirm(() -> run(pane, call.get()));
        stage.show();
    }

    /** Runs {@code call} on the I/O executor, lines and outcome pushed to {@code pane} on the FX thread. */
    private void run(OperationProgressPane pane, Call call) {
        Consumer<String> progress = line -> Platform.runLater(() -> pane.appendProgress(line));
        CompletableFuture.supplyAsync(() -> {
            try {
                return call.run(progress);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io).whenComplete((result, failure) -> Platform.runLater(() -> show(pane, result, failure)));
    }

    static void show(OperationProgressPane pane, OperationResult result, Throwable failure) {
        if (failure == null) {
            pane.showSucceeded(result.verified(), OperationWording.figures(result));
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof MutationRefusedException) {
            pane.showRefused(cause.getMessage());
        } else if (cause instanceof OperationFailedException) {
            pane.showFailed(cause.getMessage());
        } else if (cause instanceof InterruptedException) {
            pane.showFailed("The operation was interrupted (the session is closing); whether it was done is "
                    + "unknown, look at the cluster when Pilothouse is open again.");
        } else {
            pane.showFailed("Unexpected error: " + cause + "; whether it was done is unknown, look at the cluster "
                    + "before trying again.");
        }
    }

    // ---------------------------------------------------------------- configuration

    private Stage editConfiguration(ClusterSnapshot cluster) {
        ConfigEditPane pane = new ConfigEditPane(cluster.scope());
        Stage stage = window("Dynamic configuration of " + cluster.scope(), pane.root());
        stage.setWidth(1000);
        stage.setHeight(720);
        pane.setOnClose(stage::close);
        pane.setPreviewer(lines -> preview(cluster, lines));
        pane.setOnApply((lines, op) -> run(op, p -> operations.editConfig(latest(cluster),
                ConfigAssignments.parse(lines), p)));
        stage.show();
        CompletableFuture.supplyAsync(() -> {
            try {
                return pretty(operations.readConfig(latest(cluster)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, io).whenComplete((text, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                pane.setCurrentConfiguration(text);
            } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                pane.showConfigurationError(cause.getMessage() + " \u2014 close and open this window again to retry.");
            }
        }));
        return stage;
    }

    /** Parses and previews off the FX thread; a bad line fails the stage with the parser's advice. */
    private CompletionStage<ConfigEditPane.Preview> preview(ClusterSnapshot cluster, List<String> lines) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ConfigPreview preview = operations.previewConfig(latest(cluster), ConfigAssignments.parse(lines));
                return new ConfigEditPane.Preview(preview.diff().rows().stream().map(PatroniOperationDialogs::row)
                        .toList(), preview.problems());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, io);
    }

    private static DiffRow row(ConfigDiff.Row r) {
        return new DiffRow(r.key(), r.before() == null ? null : r.beforeText(),
                r.after() == null ? null : r.afterText());
    }

    private static String pretty(JsonNode config) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return config.toString();
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** The cluster as the live model shows it now: an operation confirmed later acts on what is, not what was. */
    private ClusterSnapshot latest(ClusterSnapshot chosen) {
        return session.feed().latest().cluster(chosen.source(), chosen.scope()).orElse(chosen);
    }

    private Stage window(String title, Parent content) {
        Scene scene = new Scene(new Group());
        Theme theme = owner == null || owner.getScene() == null ? null : Theme.of(owner.getScene());
        (theme == null ? Theme.LIGHT : theme).applyTo(scene);
        scene.setRoot(content);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Pilothouse \u2014 " + title);
        stage.setScene(scene);
        return stage;
    }
}
