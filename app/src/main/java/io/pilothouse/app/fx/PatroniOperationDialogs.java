package io.pilothouse.app.fx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.operations.ConfigAssignments;
import io.pilothouse.services.operations.ConfigDiff;
import io.pilothouse.services.operations.ConfigPreview;
import io.pilothouse.services.operations.PgSetting;
import io.pilothouse.services.operations.PgSettingsCatalog;
import io.pilothouse.services.operations.OperationResult;
import io.pilothouse.services.operations.OperationTimeouts;
import io.pilothouse.services.operations.PatroniOperations;
import io.pilothouse.services.operations.RestartOptions;
import io.pilothouse.views.main.ClusterAction;
import io.pilothouse.views.main.ClusterActionHandler;
import io.pilothouse.views.operations.ConfigEditActions;
import io.pilothouse.views.operations.ConfigEditModel;
import io.pilothouse.views.operations.ConfigEditPane;
import io.pilothouse.views.operations.DiffRow;
import io.pilothouse.views.operations.OperationActions;
import io.pilothouse.views.operations.OperationProgressPane;
import io.pilothouse.views.operations.RestartOptionsPane;
import io.pilothouse.views.tasks.Tasks;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    private final Executor fx;
    private final WindowFactory windows;

    /**
     * @param owner   the main window (the dialogs take its theme), or null
     * @param session the live session whose guard (read-only, audit, etcd lock) every operation runs inside
     */
    public PatroniOperationDialogs(Window owner, LiveSession session) {
        this(owner, session, new WindowFactory());
    }

    public PatroniOperationDialogs(Window owner, LiveSession session, WindowFactory windows) {
        this.owner = owner;
        this.session = session;
        this.operations = session.operations(OperationTimeouts.DEFAULTS);
        this.io = session.ioExecutor();
        this.fx = FxToolkit.fx();
        this.windows = windows;
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
                        OperationWording.reload(cluster, member), "Reloading " + member + " \u2026", fx);
                yield operation(pane, "Reload " + member, p -> operations.reload(latest(cluster), member, p));
            }
            case REINITIALIZE_MEMBER -> {
                OperationProgressPane pane = OperationProgressPane.typed("Reinitialize " + member, scope,
                        OperationWording.reinitialize(cluster, member), "Reinitialising " + member + " \u2026", fx);
                yield operation(pane, "Reinitialize " + member,
                        p -> operations.reinitialize(latest(cluster), member, false, p));
            }
            case PAUSE -> {
                OperationProgressPane pane = OperationProgressPane.typed("Pause " + scope, scope,
                        OperationWording.pause(cluster), "Pausing " + scope + " \u2026", fx);
                yield operation(pane, "Pause " + scope, p -> operations.pause(latest(cluster), p));
            }
            case RESUME -> {
                OperationProgressPane pane = OperationProgressPane.typed("Resume " + scope, scope,
                        OperationWording.resume(cluster), "Resuming " + scope + " \u2026", fx);
                yield operation(pane, "Resume " + scope, p -> operations.resume(latest(cluster), p));
            }
            case EDIT_CONFIGURATION -> editConfiguration(cluster);
            case SWITCHOVER, FAILOVER, MOVE_PARTITION, ADD_REPLICA, REMOVE_REPLICA -> null;
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
                OperationWording.restart(cluster, member), "Restarting " + member + " \u2026", fx);
        pane.addConfirmationDetails(options.root());
        pane.confirmReadyProperty().bind(options.validProperty());
        // The options are read when the user confirms, on the FX thread, not inside the background call.
        return operationAskedAtConfirm(pane, "Restart " + member, () -> {
            RestartOptions opts = new RestartOptions(options.pendingOnly(), null, options.schedule());
            return p -> operations.restart(latest(cluster), member, opts, p);
        });
    }

    private Stage operation(OperationProgressPane pane, String title, Call call) {
        return operationAskedAtConfirm(pane, title, () -> call);
    }

    /** The operation's window: confirming runs the call {@code atConfirm} gives (asked on the FX thread). */
    private Stage operationAskedAtConfirm(OperationProgressPane pane, String title, Supplier<Call> atConfirm) {
        Stage stage = windows.dialog(owner, "Pilothouse \u2014 " + title, pane.root(), -1, -1);
        pane.setOnCancel(stage::close);
        pane.setOnClose(stage::close);
        pane.model().setActions(progress -> {
            Call call = atConfirm.get();
            return Tasks.supply(io, () -> verified(call.run(progress)));
        });
        stage.show();
        return stage;
    }

    private static OperationActions.Verified verified(OperationResult result) {
        return new OperationActions.Verified(result.verified(), OperationWording.figures(result));
    }

    // ---------------------------------------------------------------- configuration

    private Stage editConfiguration(ClusterSnapshot cluster) {
        ConfigEditModel model = new ConfigEditModel(cluster.scope(), new ConfigEditActions() {
            @Override
            public CompletableFuture<String> read() {
                return Tasks.supply(io, () -> pretty(operations.readConfig(latest(cluster))));
            }

            @Override
            public CompletionStage<ConfigEditModel.Preview> preview(List<String> lines) {
                return PatroniOperationDialogs.this.preview(cluster, lines);
            }

            @Override
            public CompletableFuture<OperationActions.Verified> apply(List<String> lines, Consumer<String> progress) {
                return Tasks.supply(io, () -> verified(operations.editConfig(latest(cluster),
                        ConfigAssignments.parse(lines), progress)));
            }
        }, fx);
        ConfigEditPane pane = new ConfigEditPane(model, fx);
        Stage stage = windows.dialog(owner, "Pilothouse \u2014 Dynamic configuration of " + cluster.scope(),
                pane.root(), -1, -1);
        stage.setWidth(1000);
        stage.setHeight(720);
        pane.setOnClose(stage::close);
        stage.show();
        model.load();
        return stage;
    }

    /** Parses and previews off the FX thread; a bad line fails the stage with the parser's advice. */
    private CompletionStage<ConfigEditModel.Preview> preview(ClusterSnapshot cluster, List<String> lines) {
        return Tasks.supply(io, () -> {
            ConfigPreview preview = operations.previewConfig(latest(cluster), ConfigAssignments.parse(lines));
            return new ConfigEditModel.Preview(preview.diff().rows().stream()
                    .map(r -> row(r, preview.settings())).toList(), preview.problems());
        });
    }

    /** One row; a PostgreSQL parameter also says what is in effect on the leader and when a change applies. */
    private static DiffRow row(ConfigDiff.Row r, PgSettingsCatalog settings) {
        String prefix = "postgresql.parameters.";
        var setting = settings == null || !r.key().startsWith(prefix) ? java.util.Optional.<PgSetting>empty()
                : settings.find(r.key().substring(prefix.length()));
        return new DiffRow(r.key(), r.before() == null ? null : r.beforeText(),
                r.after() == null ? null : r.afterText(),
                setting.map(PgSetting::effective).orElse(null),
                setting.map(PgSetting::applies).orElse(null));
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
}
