package io.pilothouse.views.main;

import io.pilothouse.styles.Theme;
import io.pilothouse.views.Styles;
import io.pilothouse.views.audit.AuditStyles;
import io.pilothouse.views.indoubt.InDoubtStyles;
import io.pilothouse.views.shards.ShardStyles;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The top bar: product mark, workspace name, a READ-ONLY chip when the workspace is read-only, the buttons of the
 * app's estate-wide windows (shard map, in-doubt console, audit log; each only when the app can open it), theme toggle.
 */
final class HeaderBar {

    private final HBox root = new HBox(12);
    private final Button themeToggle = new Button();
    private final Button auditLog = new Button("Audit log", new FontIcon(MaterialDesignC.CLIPBOARD_TEXT_CLOCK_OUTLINE));
    private final Button inDoubt = new Button("In-doubt", new FontIcon(MaterialDesignS.SOURCE_BRANCH_SYNC));
    private final Button shardMap = new Button("Shards", new FontIcon(MaterialDesignV.VIEW_DASHBOARD_OUTLINE));
    private final Label readOnly = new Label("READ-ONLY", new FontIcon(MaterialDesignL.LOCK_OUTLINE));
    private final Subscription subscriptions;

    HeaderBar(MainViewModel vm, ObjectProperty<Theme> theme, ObjectProperty<Runnable> openAuditLog,
              ObjectProperty<Runnable> openInDoubt, ObjectProperty<Runnable> openShardMap,
              OperationsMenu operations) {
        root.getStyleClass().add(Styles.HEADER);
        root.setAlignment(Pos.CENTER_LEFT);

        Label app = new Label("Pilothouse", new FontIcon(MaterialDesignS.SHIP_WHEEL));
        app.getStyleClass().add(Styles.APP_TITLE);
        Region divider = new Region();
        divider.getStyleClass().add("ph-header-divider");
        Label workspace = new Label();
        workspace.getStyleClass().add(Styles.WORKSPACE_NAME);
        workspace.textProperty().bind(vm.workspaceNameProperty());
        readOnly.getStyleClass().addAll(Styles.CHIP, Styles.READ_ONLY_CHIP);
        readOnly.setMinWidth(Region.USE_PREF_SIZE);
        readOnly.visibleProperty().bind(vm.readOnlyProperty());
        readOnly.managedProperty().bind(vm.readOnlyProperty());
        readOnly.setTooltip(new Tooltip("This workspace is read-only: Pilothouse will not change anything in it."));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        themeToggle.getStyleClass().add(Styles.THEME_TOGGLE);
        themeToggle.setOnAction(e -> theme.set(theme.get().toggled()));
        themeToggle.setFocusTraversable(true);
        windowButton(auditLog, "open-audit-log", AuditStyles.OPEN_BUTTON, "Every change made through Pilothouse, "
                + "with its evidence (" + MainView.OPEN_AUDIT_LOG.getDisplayText() + ")", openAuditLog);
        windowButton(inDoubt, "open-indoubt", InDoubtStyles.OPEN_BUTTON, "Prepared (two-phase commit) transactions "
                + "left in doubt on every primary, with advice and resolution ("
                + MainView.OPEN_INDOUBT.getDisplayText() + ")", openInDoubt);
        windowButton(shardMap, "open-shard-map", ShardStyles.OPEN_BUTTON, "Where the rows of each sharded table live: "
                + "shards by node and size, skew, layout problems, each node's HA state ("
                + MainView.OPEN_SHARD_MAP.getDisplayText() + ")", openShardMap);
        root.getChildren().addAll(app, divider, workspace, readOnly, spacer, operations.button(), shardMap, inDoubt,
                auditLog,
                themeToggle);

        subscriptions = theme.subscribe(this::showTheme);
    }

    Parent root() {
        return root;
    }

    /** A button opening one of the app's estate-wide windows; shown only once the app can open it. */
    private static void windowButton(Button button, String id, String styleClass, String tooltip,
                                     ObjectProperty<Runnable> open) {
        button.setId(id);
        button.getStyleClass().add(styleClass);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> {
            if (open.get() != null) {
                open.get().run();
            }
        });
        button.visibleProperty().bind(open.isNotNull());
        button.managedProperty().bind(button.visibleProperty());
    }

    /**
     * Adds the "Activity" button before the shard map's: it opens the activity window on the leader of the cluster
     * {@code selected} gives (the first node when none is selected). Hidden until the app provides the opener.
     */
    void addActivityButton(ObjectProperty<io.pilothouse.views.activity.ActivityOpener> opener,
                           java.util.function.Supplier<ClusterKey> selected) {
        Button activity = new Button("Activity", new FontIcon(MaterialDesignP.PULSE));
        activity.setId("open-activity");
        activity.getStyleClass().add(io.pilothouse.views.activity.ActivityStyles.OPEN_BUTTON);
        activity.setTooltip(new Tooltip("Sessions, waits, blocking, long transactions, advisory locks, connections, "
                + "transactions and WAL per second of a node, with cancel and terminate ("
                + MainView.OPEN_ACTIVITY.getDisplayText() + ")"));
        activity.setOnAction(e -> {
            if (opener.get() != null) {
                openActivity(opener.get(), selected.get());
            }
        });
        activity.visibleProperty().bind(opener.isNotNull());
        activity.managedProperty().bind(activity.visibleProperty());
        root.getChildren().add(root.getChildren().indexOf(shardMap), activity);
    }

    /**
     * Adds the "View" menu before the theme toggle, with "Wall mode" ({@link io.pilothouse.views.wall.WallView#OPEN}) calling
     * {@code openWall} with this window; nothing when {@code openWall} is null.
     */
    void addViewMenu(java.util.function.Consumer<javafx.stage.Window> openWall) {
        if (openWall == null) {
            return;
        }
        javafx.scene.control.MenuItem wall = new javafx.scene.control.MenuItem("Wall mode",
                new FontIcon(MaterialDesignM.MONITOR_DASHBOARD));
        wall.setId("open-wall");
        wall.setAccelerator(io.pilothouse.views.wall.WallView.OPEN);
        wall.setOnAction(e -> openWall.accept(root.getScene().getWindow()));
        javafx.scene.control.MenuButton view = new javafx.scene.control.MenuButton("View", null, wall);
        view.setId("view-menu");
        view.setTooltip(new Tooltip("Wall mode: every cluster full screen, worst first, read-only (Escape closes it)"));
        root.getChildren().add(root.getChildren().indexOf(themeToggle), view);
    }

    /** Opens the activity window on {@code cluster}'s leader, or on the first node when no cluster is selected. */
    static void openActivity(io.pilothouse.views.activity.ActivityOpener opener, ClusterKey cluster) {
        opener.open(cluster == null ? null : cluster.source(), cluster == null ? null : cluster.scope(), null);
    }

    Button inDoubt() {
        return inDoubt;
    }

    Button auditLog() {
        return auditLog;
    }

    Button themeToggle() {
        return themeToggle;
    }

    void dispose() {
        subscriptions.unsubscribe();
    }

    private void showTheme(Theme t) {
        // The button names what it will do, with the icon of the theme it switches to.
        Theme next = t.toggled();
        themeToggle.setGraphic(new FontIcon(next.isDark() ? MaterialDesignW.WEATHER_NIGHT : MaterialDesignW.WEATHER_SUNNY));
        themeToggle.setText(next.displayName() + " theme");
        themeToggle.setTooltip(new Tooltip("Switch to the " + next.displayName().toLowerCase() + " theme"));
    }
}
