package io.pilothouse.views.activity;

import io.pilothouse.views.live.FramePulse;
import io.pilothouse.services.activity.ActivityReading;
import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.AdvisoryLock;
import io.pilothouse.services.activity.BlockingTree;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.activity.RatePoint;
import io.pilothouse.services.activity.SessionState;
import io.pilothouse.services.activity.WaitCount;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.views.DialogWindows;
import io.pilothouse.views.Styles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import javafx.util.Subscription;

import java.util.List;

/**
 * The activity window's content: a node picker and its figures (connections, sessions by state, transactions and
 * WAL per second with sparklines), tabs for sessions, the blocking tree, long and idle-in-transaction sessions,
 * waits and advisory locks, and cancel / terminate of the selected backend. Binds to an {@link ActivityViewModel};
 * does no I/O. FX thread.
 */
public final class ActivityView {

    private final ActivityViewModel vm;
    private final DialogWindows windows;
    private final BorderPane root = new BorderPane();
    private final ComboBox<NodeRef> node = new ComboBox<>();
    private final Label status = new Label();
    private final Label connections = figureValue("activity-connections");
    private final Label states = figureValue("activity-states");
    private final Label tps = figureValue("activity-tps");
    private final Label wal = figureValue("activity-wal");
    private final Sparkline tpsLine = new Sparkline();
    private final Sparkline walLine = new Sparkline();
    private final TableView<ActivitySession> sessions = ActivityTables.sessions();
    private final TableView<ActivitySession> longAndIdle = ActivityTables.sessions();
    private final TreeView<BlockingTree.Node> blocking = ActivityTables.blocking();
    private final TableView<WaitCount> waits = ActivityTables.waits();
    private final TableView<AdvisoryLock> advisory = ActivityTables.advisoryLocks();
    private final Tab sessionsTab = new Tab("Sessions", sessions);
    private final Tab blockingTab = new Tab("Blocking", blocking);
    private final Tab longTab = new Tab("Long / idle in transaction", longAndIdle);
    private final Tab locksTab = new Tab("Waits & advisory locks");
    private final TabPane tabs = new TabPane(sessionsTab, blockingTab, longTab, locksTab);
    private final ObjectProperty<ActivitySession> selected = new SimpleObjectProperty<>(this, "selected");
    private FramePulse timer;
    private final Subscription subscriptions;

    public ActivityView(ActivityViewModel vm, DialogWindows windows) {
        this.vm = vm;
        this.windows = windows;
        root.getStyleClass().add(ActivityStyles.ACTIVITY);
        root.getProperties().put(ActivityView.class, this);
        root.setTop(new VBox(header(), figures()));
        longAndIdle.setId("activity-long");
        locksTab.setContent(new VBox(8, waits, advisory));
        tabs.getTabs().forEach(t -> t.setClosable(false));
        root.setCenter(tabs);
        root.setBottom(new ActivitySignalBar(vm, windows, selected, root).root());
        sessions.getSelectionModel().selectedItemProperty().subscribe(selected::set);
        longAndIdle.getSelectionModel().selectedItemProperty().subscribe(selected::set);
        blocking.getSelectionModel().selectedItemProperty().subscribe(i -> selected.set(i == null || i.getValue()
                == null ? null : i.getValue().session()));
        subscriptions = vm.activityProperty().subscribe(this::show)
                .and(vm.statusProperty().subscribe(status::setText))
                .and(vm.unreadableProperty().subscribe(u -> status.pseudoClassStateChanged(Styles.DANGER, u)));
    }

    public Parent root() {
        return root;
    }

    /** Reads the node again every {@code every} while the view lives (until {@link #dispose()}). */
    public void startAutoRefresh(Duration every) {
        if (timer != null) {
            timer.stop();
        }
        timer = FramePulse.every(java.time.Duration.ofMillis((long) every.toMillis()), vm::refresh);
    }

    public void dispose() {
        if (timer != null) {
            timer.stop();
        }
        subscriptions.unsubscribe();
        vm.dispose();
    }

    private HBox header() {
        Label title = new Label("Activity");
        title.getStyleClass().add(ActivityStyles.TITLE);
        Label nodeLabel = new Label("_Node:");
        nodeLabel.setMnemonicParsing(true);
        nodeLabel.setLabelFor(node);
        node.setId("activity-node");
        node.setItems(vm.nodes());
        node.valueProperty().bindBidirectional(vm.nodeProperty());
        node.setConverter(new StringConverter<>() {
            @Override
            public String toString(NodeRef n) {
                return n == null ? "" : n.label() + "  (" + n.host() + ":" + n.port() + ")";
            }

            @Override
            public NodeRef fromString(String s) {
                return null;
            }
        });
        Button refresh = new Button("_Refresh");
        refresh.setId("activity-refresh");
        refresh.setOnAction(e -> vm.refresh());
        status.setId("activity-status");
        status.getStyleClass().add(ActivityStyles.SUMMARY);
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox h = new HBox(10, title, nodeLabel, node, refresh, status);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add(ActivityStyles.HEADER);
        return h;
    }

    private HBox figures() {
        HBox h = new HBox(24, figure("CONNECTIONS", connections, null), figure("SESSIONS", states, null),
                figure("TRANSACTIONS", tps, tpsLine), figure("WAL", wal, walLine));
        tpsLine.setId("activity-tps-line");
        walLine.setId("activity-wal-line");
        h.setPadding(new Insets(8, 16, 8, 16));
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static VBox figure(String name, Label value, Sparkline line) {
        Label n = new Label(name);
        n.getStyleClass().add(ActivityStyles.FIGURE_NAME);
        HBox row = line == null ? new HBox(value) : new HBox(8, value, line);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox v = new VBox(2, n, row);
        v.getStyleClass().add(ActivityStyles.FIGURE);
        return v;
    }

    private static Label figureValue(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add(ActivityStyles.FIGURE_VALUE);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void show(NodeActivity a) {
        ActivityReading r = a == null ? null : a.reading();
        if (r == null) {
            connections.setText("—");
            states.setText(a == null ? "—" : "not read");
            tps.setText("—");
            wal.setText("—");
            tpsLine.setValues(List.of());
            walLine.setValues(List.of());
            sessions.getItems().clear();
            longAndIdle.getItems().clear();
            waits.getItems().clear();
            advisory.getItems().clear();
            ActivityTables.showBlocking(blocking, List.of());
            updateTabTitles(null);
            return;
        }
        connections.setText(r.connections() + " of " + r.maxConnections() + (r.inRecovery() ? " · standby" : ""));
        StringBuilder b = new StringBuilder();
        r.byState().forEach((s, n) -> {
            if (s != SessionState.OTHER && n > 0) {
                b.append(b.length() == 0 ? "" : " · ").append(n).append(' ').append(s.wireName());
            }
        });
        states.setText(b.length() == 0 ? "none" : b.toString());
        tps.setText(ActivityFormat.perSecond(a.transactionsPerSecond().orElse(null)));
        wal.setText(ActivityFormat.bytesPerSecond(a.walBytesPerSecond().orElse(null))
                + (r.inRecovery() ? " replayed" : ""));
        tpsLine.setValues(a.transactionRates().stream().map(RatePoint::perSecond).toList());
        walLine.setValues(a.walRates().stream().map(RatePoint::perSecond).toList());
        keepSelection(sessions, interestingFirst(r.sessions()));
        List<ActivitySession> longOnes = new java.util.ArrayList<>(r.idleInTransaction());
        r.longTransactions(ActivityReading.LONG_TRANSACTION_SECONDS).stream()
                .filter(s -> !longOnes.contains(s)).forEach(longOnes::add);
        keepSelection(longAndIdle, longOnes);
        waits.getItems().setAll(r.topWaits(10));
        advisory.getItems().setAll(r.advisoryLocks());
        ActivityTables.showBlocking(blocking, r.blockingTree());
        updateTabTitles(r);
    }

    /**
     * Client sessions that block or wait first, then idle in transaction, active, idle; background processes last;
     * by pid within each group.
     */
    static List<ActivitySession> interestingFirst(List<ActivitySession> all) {
        java.util.Set<Integer> blockers = new java.util.HashSet<>();
        all.forEach(s -> blockers.addAll(s.blockedBy()));
        java.util.function.ToIntFunction<ActivitySession> rank = s -> !s.clientBackend() ? 5
                : s.blocked() || blockers.contains(s.pid()) ? 0 : s.state().idleInTransaction() ? 1
                : s.state() == SessionState.ACTIVE ? 2 : s.state() == SessionState.IDLE ? 3 : 4;
        return all.stream().sorted(java.util.Comparator.comparingInt(rank).thenComparingInt(ActivitySession::pid))
                .toList();
    }

    private static void keepSelection(TableView<ActivitySession> table, List<ActivitySession> rows) {
        ActivitySession was = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(rows);
        if (was != null) {
            rows.stream().filter(s -> s.pid() == was.pid()).findFirst()
                    .ifPresent(s -> table.getSelectionModel().select(s));
        }
    }

    private void updateTabTitles(ActivityReading r) {
        sessionsTab.setText("Sessions" + (r == null ? "" : " (" + r.sessions().size() + ")"));
        int blocked = r == null ? 0 : (int) r.sessions().stream().filter(ActivitySession::blocked).count();
        blockingTab.setText("Blocking" + (r == null ? "" : " (" + blocked + " waiting)"));
        longTab.setText("Long / idle in transaction" + (r == null ? "" : " (" + longAndIdle.getItems().size() + ")"));
        locksTab.setText("Waits & advisory locks" + (r == null ? "" : " (" + r.advisoryLocks().size() + ")"));
    }

    /** The node picker (tests). */
    public ComboBox<NodeRef> nodePicker() {
        return node;
    }

    /** The sessions table (tests). */
    public TableView<ActivitySession> sessionsTable() {
        return sessions;
    }

    /** The blocking tree (tests). */
    public TreeView<BlockingTree.Node> blockingTree() {
        return blocking;
    }

    /** The tabs (tests). */
    public TabPane tabs() {
        return tabs;
    }
}
