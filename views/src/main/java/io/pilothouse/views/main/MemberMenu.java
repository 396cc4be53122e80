package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.List;
import java.util.Locale;

/**
 * The context menu of a member's card: the Operations menu's actions aimed at this member (switch over or fail over
 * to it, restart, reload, reinitialise it) and its activity. An item that cannot apply is disabled, never hidden,
 * and says why in its text: read-only workspace, no handler installed, the member already leads, no Patroni.
 */
final class MemberMenu {

    private static final List<ClusterAction> ACTIONS = List.of(ClusterAction.SWITCHOVER, ClusterAction.FAILOVER,
            ClusterAction.RESTART_MEMBER, ClusterAction.RELOAD_MEMBER, ClusterAction.REINITIALIZE_MEMBER);

    private final MainViewModel vm;
    private final ObjectProperty<ClusterActionHandler> actions;
    private final ObjectProperty<MemberActivityHandler> activity;

    MemberMenu(MainViewModel vm, ObjectProperty<ClusterActionHandler> actions,
               ObjectProperty<MemberActivityHandler> activity) {
        this.vm = vm;
        this.actions = actions;
        this.activity = activity;
    }

    /** The menu for {@code name} in the shown cluster, or null when the cluster does not have it. */
    ContextMenu build(String name) {
        ClusterSnapshot cluster = vm.topology().clusterProperty().get();
        Member member = cluster == null ? null : cluster.member(name).orElse(null);
        if (member == null) {
            return null;
        }
        ContextMenu menu = new ContextMenu();
        menu.setId("member-menu");
        for (ClusterAction action : ACTIONS) {
            MenuItem item = new MenuItem(text(action, name));
            item.setMnemonicParsing(false);
            item.setId("member-" + action.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            String why = whyNot(action, cluster, member);
            if (why != null) {
                item.setText(item.getText() + " (" + why + ")");
                item.setDisable(true);
            }
            item.setOnAction(e -> actions.get().perform(action, cluster, name));
            menu.getItems().add(item);
            if (action == ClusterAction.FAILOVER) {
                menu.getItems().add(new SeparatorMenuItem());
            }
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem open = new MenuItem("Activity of " + name);
        open.setMnemonicParsing(false);
        open.setId("member-activity");
        if (activity.get() == null) {
            open.setText(open.getText() + " (not available)");
            open.setDisable(true);
        }
        open.setOnAction(e -> activity.get().open(cluster, name));
        menu.getItems().add(open);
        return menu;
    }

    private static String text(ClusterAction action, String name) {
        switch (action) {
            case SWITCHOVER: return "Switch over to " + name + "…";
            case FAILOVER: return "Fail over to " + name + "…";
            default: return action.label().replace("member", name);
        }
    }

    /** Why {@code action} cannot apply to {@code member} now, or null when it can. */
    private String whyNot(ClusterAction action, ClusterSnapshot cluster, Member member) {
        if (actions.get() == null) {
            return "no operations here";
        }
        if (vm.readOnlyProperty().get()) {
            return "read-only workspace";
        }
        if (member.apiUrl() == null && member.patroniVersion() == null) {
            return "no Patroni";
        }
        boolean leaderChange = action == ClusterAction.SWITCHOVER || action == ClusterAction.FAILOVER;
        if (leaderChange && member.name().equals(cluster.leader())) {
            return "already the leader";
        }
        return null;
    }
}
