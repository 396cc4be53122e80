package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.util.EnumMap;
import java.util.Map;

/**
 * The header's Operations menu on the shown cluster: switchover, failover, member restart/reload/reinitialise,
 * pause/resume, the dynamic configuration, resharding, and adding / removing a replica. Hidden until the app installs
 * a handler; items are disabled, with the reason in the menu's tooltip, in a read-only workspace, without a cluster,
 * or (member items) without a selected member. Pause and resume follow the cluster's state.
 */
final class OperationsMenu {

    /** Opens the switchover wizard on the shown cluster. */
    static final KeyCombination SWITCHOVER_SHORTCUT = new KeyCodeCombination(KeyCode.S,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final MenuButton button = new MenuButton("Operations", new FontIcon(MaterialDesignW.WRENCH_OUTLINE));
    private final Map<ClusterAction, MenuItem> items = new EnumMap<>(ClusterAction.class);
    private final MainViewModel vm;
    private final ObjectProperty<ClusterActionHandler> handler;

    OperationsMenu(MainViewModel vm, ObjectProperty<ClusterActionHandler> handler) {
        this.vm = vm;
        this.handler = handler;
        button.setId("operations-menu");
        for (ClusterAction action : ClusterAction.values()) {
            MenuItem item = new MenuItem(action.label());
            item.setId("operation-" + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            item.setOnAction(e -> perform(action));
            items.put(action, item);
            if (action == ClusterAction.RESTART_MEMBER || action == ClusterAction.PAUSE
                    || action == ClusterAction.MOVE_PARTITION || action == ClusterAction.ADD_REPLICA) {
                button.getItems().add(new SeparatorMenuItem());
            }
            button.getItems().add(item);
        }
        items.get(ClusterAction.SWITCHOVER).setAccelerator(SWITCHOVER_SHORTCUT);
        button.visibleProperty().bind(handler.isNotNull());
        button.managedProperty().bind(button.visibleProperty());
        button.setOnShowing(e -> refresh());
        refresh();
    }

    MenuButton button() {
        return button;
    }

    /** Runs {@code action} as if chosen from the menu, if it is enabled now. */
    boolean perform(ClusterAction action) {
        refresh();
        MenuItem item = items.get(action);
        ClusterSnapshot cluster = vm.topology().clusterProperty().get();
        if (item.isDisable() || handler.get() == null || cluster == null) {
            return false;
        }
        handler.get().perform(action, cluster, vm.topology().selectedMemberNameProperty().get());
        return true;
    }

    /** Enables what makes sense now and says why the rest is not. */
    void refresh() {
        ClusterSnapshot cluster = vm.topology().clusterProperty().get();
        Member member = vm.topology().selectedMemberProperty().get();
        boolean readOnly = vm.readOnlyProperty().get();
        String why = readOnly ? "The workspace is read-only: no operations."
                : cluster == null ? "Select a cluster first." : null;
        for (Map.Entry<ClusterAction, MenuItem> e : items.entrySet()) {
            ClusterAction a = e.getKey();
            boolean off = why != null || a.needsMember() && member == null
                    || a == ClusterAction.PAUSE && cluster.paused() || a == ClusterAction.RESUME && !cluster.paused();
            e.getValue().setDisable(off);
            if (a.needsMember()) {
                e.getValue().setText(a.label().replace("member", member == null ? "member (select one)"
                        : member.name()));
            }
        }
        button.setTooltip(new Tooltip(why != null ? why : "Operations on " + cluster.scope()
                + " (" + SWITCHOVER_SHORTCUT.getDisplayText() + ": switch over)"));
    }
}
