package io.pilothouse.views.main;

import io.pilothouse.services.history.EstateHistory;
import io.pilothouse.services.metrics.LagSeriesSource;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SidePanes;
import io.pilothouse.views.Styles;
import io.pilothouse.views.details.MemberDetailsView;
import io.pilothouse.views.timemachine.TimeMachineBar;
import io.pilothouse.views.topology.TopologyView;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.time.Clock;

/**
 * The main window's content: header (workspace, read-only chip, theme toggle), workspace tree on the left,
 * live topology of the selected cluster in the centre, details of the selected member on the right, source
 * freshness in the status bar. Reads the feed once per frame from construction until {@link #dispose()}.
 * Create and use on the FX thread.
 */
public final class MainView {

    private final MainViewModel vm;
    /** Opens the audit log window, when the app provides one ({@link #openAuditLogProperty()}). */
    public static final KeyCombination OPEN_AUDIT_LOG = new KeyCodeCombination(KeyCode.A,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    /** Opens the in-doubt console window, when the app provides one ({@link #openInDoubtProperty()}). */
    public static final KeyCombination OPEN_INDOUBT = new KeyCodeCombination(KeyCode.D,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    /** Opens the shard map window, when the app provides one ({@link #openShardMapProperty()}). */
    public static final KeyCombination OPEN_SHARD_MAP = new KeyCodeCombination(KeyCode.H,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private final ObjectProperty<Runnable> openShardMap = new SimpleObjectProperty<>(this, "openShardMap");
    /** Opens the activity window, when the app provides one ({@link #openActivityProperty()}). */
    public static final KeyCombination OPEN_ACTIVITY = new KeyCodeCombination(KeyCode.Y,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private final ObjectProperty<io.pilothouse.views.activity.ActivityOpener> openActivity =
            new SimpleObjectProperty<>(this, "openActivity");
    private final ObjectProperty<Runnable> openAuditLog = new SimpleObjectProperty<>(this, "openAuditLog");
    private final ObjectProperty<Runnable> openInDoubt = new SimpleObjectProperty<>(this, "openInDoubt");
    private final ObjectProperty<ClusterActionHandler> clusterActions = new SimpleObjectProperty<>(this,
            "clusterActions");
    private final ObjectProperty<MemberActivityHandler> memberActivity = new SimpleObjectProperty<>(this,
            "memberActivity");
    private final OperationsMenu operations;
    private final BorderPane root = new BorderPane();
    private final HeaderBar header;
    private final WorkspaceTree tree;
    private final TopologyView topology;
    private final MemberDetailsView details;
    private final ClusterTabs tabs;
    private final StatusBar status;
    private final SidePanes panes;
    /** Shows or hides the workspace tree. */
    public static final KeyCombination TOGGLE_WORKSPACE = new KeyCodeCombination(KeyCode.B,
            KeyCombination.SHORTCUT_DOWN);
    /** Shows or hides the member details (shown only while a member is selected). */
    public static final KeyCombination TOGGLE_DETAILS = new KeyCodeCombination(KeyCode.I,
            KeyCombination.SHORTCUT_DOWN);
    private final Subscription subscriptions;
    private final java.util.List<Runnable> indicatorDisposers = new java.util.ArrayList<>();
    private final TimeMachineBar timeMachine;

    /**
     * Starts a main view on the live feed {@code feed}; unless told otherwise it uses the system clock, no history, no
     * lag series and no alerts.
     */
    public static MainViewBuilder builder(EstateFeed feed) {
        return new MainViewBuilder(feed);
    }

    MainView(MainViewBuilder b) {
        Clock clock = b.clock();
        EstateHistory history = b.history();
        LagSeriesSource lag = b.lag();
        vm = new MainViewModel(b.feed(), b.alerts(), clock);
        operations = new OperationsMenu(vm, clusterActions);
        header = new HeaderBar(vm, theme, openAuditLog, openInDoubt, openShardMap, operations);
        header.addActivityButton(openActivity, () -> vm.selectedClusterProperty().get());
        header.addViewMenu(b.openWall());
        tree = new WorkspaceTree(key -> vm.selectCluster(key.source(), key.scope()));
        topology = new TopologyView(vm.topology());
        topology.setMemberMenu(new MemberMenu(vm, clusterActions, memberActivity)::build);
        details = new MemberDetailsView(vm.topology());
        status = new StatusBar(vm);

        details.root().getStyleClass().add(Styles.SIDEBAR);
        ((javafx.scene.layout.Region) details.root()).setMinWidth(300);

        tabs = new ClusterTabs(vm, topology.root(), history, lag, clock, b.traffic());
        tabs.linkAlerts(() -> java.util.Optional.ofNullable(openInDoubt.get()).ifPresent(Runnable::run));
        if (b.alertLedger() != null) {
            tabs.useAlertHistory(b.alertLedger(), b.alertActions(), b.fx());
        }
        // The details pane only takes room while a member is selected; both side panes can be hidden.
        panes = new SidePanes(tree.sidebar(), 240, tabs.root(), (javafx.scene.layout.Region) details.root(), 320,
                vm.topology().selectedMemberProperty().isNotNull());
        status.addPaneToggles(panes.leftShownProperty(), panes.rightShownProperty());

        root.getStyleClass().add(Styles.MAIN);
        root.setTop(header.root());
        root.setCenter(panes.root());
        // The time machine's slider, when there is one, sits above the status bar (views.timemachine).
        timeMachine = b.timeMachine() == null ? null : new TimeMachineBar(b.timeMachine());
        root.setBottom(timeMachine == null ? status.root() : new VBox(timeMachine.root(), status.root()));
        // The audit log and the in-doubt console are estate-wide, not cluster panes: a header button and a shortcut
        // open the app's window.
        root.addEventHandler(KeyEvent.KEY_PRESSED, new MainViewKeys(this, operations, panes));

        subscriptions = vm.estateProperty().subscribe(e -> {
                    if (e != null) {
                        tree.show(e, vm.alertsProperty().get());
                        tree.select(vm.selectedClusterProperty().get());
                    }
                })
                .and(vm.alertsProperty().subscribe(a -> {
                    EstateSnapshot e = vm.estateProperty().get();
                    if (e != null) {
                        tree.show(e, a);
                    }
                }))
                .and(vm.selectedClusterProperty().subscribe(tree::select))
                .and(root.sceneProperty().subscribe(this::adoptScene))
                .and(theme.subscribe(t -> {
                    if (root.getScene() != null) {
                        t.applyTo(root.getScene());
                    }
                }));
        vm.refreshNow();
        vm.start();
    }

    /** The node to set as (or put in) the scene root. */
    public Parent root() {
        return root;
    }

    /** Shows a cluster in the topology (the first one is shown until it appears in the feed). */
    public void selectCluster(String source, String scope) {
        vm.selectCluster(source, scope);
    }

    /** Selects a member of the shown cluster (details pane), or clears the selection with null. */
    public void selectMember(String name) {
        vm.topology().selectMember(name);
    }

    /** Applies the feed's latest snapshot now instead of at the next frame (tests, screenshots). */
    public void refreshNow() {
        vm.refreshNow();
        tabs.refreshNow();
    }

    /**
     * The theme of this view's scene. When the root joins a scene that already has a Pilothouse theme (the app
     * called {@code Theme.DARK.applyTo(scene)}), that theme is adopted; the header's toggle switches it.
     */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /**
     * The lag chart's range: what each cluster's chart opens with, set to the range last chosen on any chart. The
     * app restores it from the preferences and saves it.
     */
    public ObjectProperty<io.pilothouse.views.lag.LagRange> lagRangeProperty() {
        return tabs.lagRange;
    }

    /** Brings one of the cluster panes (topology, lag, slots, history, alerts) to the front. */
    public void showPane(String name) {
        tabs.show(ClusterTabs.Pane.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
    }

    /**
     * What the header's "Audit log" button and {@link #OPEN_AUDIT_LOG} do; null (the default) hides the button.
     * The app sets it: reading the log is I/O, which views leave to the app.
     */
    public ObjectProperty<Runnable> openAuditLogProperty() {
        return openAuditLog;
    }

    /**
     * What the header's "In-doubt" button and {@link #OPEN_INDOUBT} do; null (the default) hides the button. The
     * app sets it: reading the primaries is I/O, which views leave to the app.
     */
    public ObjectProperty<Runnable> openInDoubtProperty() {
        return openInDoubt;
    }

    /**
     * How to open the activity window on a node (header button "Activity", Ctrl+Shift+Y, on the selected cluster's
     * leader; a member card's menu on that member); null until the app provides it.
     */
    public ObjectProperty<io.pilothouse.views.activity.ActivityOpener> openActivityProperty() {
        return openActivity;
    }

    /**
     * What the header's "Shards" button and {@link #OPEN_SHARD_MAP} do; null (the default) hides the button. The app
     * sets it: reading the shard maps is I/O, which views leave to the app.
     */
    public ObjectProperty<Runnable> openShardMapProperty() {
        return openShardMap;
    }

    /**
     * What the header's Operations menu does; null (the default) hides the menu. The app sets it: operations are
     * I/O, which views leave to the app.
     */
    public ObjectProperty<ClusterActionHandler> clusterActionsProperty() {
        return clusterActions;
    }

    /**
     * What a member card's "Activity of …" item does; null (the default) disables the item. The app sets it: reading
     * a node's sessions is I/O, which views leave to the app.
     */
    public ObjectProperty<MemberActivityHandler> memberActivityProperty() {
        return memberActivity;
    }

    /** Whether the workspace tree is shown (the app remembers it between sessions). */
    public BooleanProperty workspacePaneShownProperty() {
        return panes.leftShownProperty();
    }

    /** Whether the member details are shown while a member is selected (the app remembers it). */
    public BooleanProperty detailsPaneShownProperty() {
        return panes.rightShownProperty();
    }

    /** Chooses {@code action} from the Operations menu (tests); false when it is disabled now. */
    public boolean perform(ClusterAction action) {
        return operations.perform(action);
    }

    /** The view model (for the app's wiring and for tests). */
    public MainViewModel viewModel() {
        return vm;
    }

    /** The topology view (for tests and screenshots). */
    public TopologyView topologyView() {
        return topology;
    }

    /**
     * Shows {@code indicator} in the status bar (the app adds the running operations here); {@code dispose} runs
     * when this view is disposed.
     */
    public void addStatusIndicator(javafx.scene.Node indicator, Runnable dispose) {
        status.addIndicator(indicator);
        indicatorDisposers.add(dispose);
    }

    /** Stops the frame timer and removes every listener this view added. The view is unusable afterwards. */
    public void dispose() {
        indicatorDisposers.forEach(Runnable::run);
        vm.stop();
        subscriptions.unsubscribe();
        header.dispose();
        tree.dispose();
        topology.dispose();
        tabs.dispose();
        details.dispose();
        status.dispose();
        panes.dispose();
        if (timeMachine != null) {
            timeMachine.dispose();
        }
    }

    private void adoptScene(Scene scene) {
        if (scene == null) {
            return;
        }
        Theme current = Theme.of(scene);
        if (current != null) {
            theme.set(current);
        } else {
            theme.get().applyTo(scene);
        }
    }
}
