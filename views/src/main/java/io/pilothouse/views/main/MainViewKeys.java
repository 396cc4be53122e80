package io.pilothouse.views.main;

import io.pilothouse.views.SidePanes;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.event.EventHandler;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The main window's own shortcuts: the app's windows (audit log, in-doubt console, shard map, activity), the side
 * panes' toggles and the switchover. A window the app did not provide leaves its shortcut unconsumed.
 */
final class MainViewKeys implements EventHandler<KeyEvent> {

    private final MainView view;
    private final OperationsMenu operations;
    private final SidePanes panes;

    MainViewKeys(MainView view, OperationsMenu operations, SidePanes panes) {
        this.view = view;
        this.operations = operations;
        this.panes = panes;
    }

    @Override
    public void handle(KeyEvent e) {
        if (openWindow(e, MainView.OPEN_AUDIT_LOG, view.openAuditLogProperty())
                || openWindow(e, MainView.OPEN_INDOUBT, view.openInDoubtProperty())
                || openWindow(e, MainView.OPEN_SHARD_MAP, view.openShardMapProperty()) || openActivity(e)) {
            e.consume();
        } else if (MainView.TOGGLE_WORKSPACE.match(e) || MainView.TOGGLE_DETAILS.match(e)) {
            BooleanProperty shown = MainView.TOGGLE_WORKSPACE.match(e) ? panes.leftShownProperty()
                    : panes.rightShownProperty();
            shown.set(!shown.get());
            e.consume();
        } else if (OperationsMenu.SWITCHOVER_SHORTCUT.match(e) && operations.perform(ClusterAction.SWITCHOVER)) {
            e.consume();
        }
    }

    private static boolean openWindow(KeyEvent e, KeyCombination shortcut, ObjectProperty<Runnable> open) {
        if (shortcut.match(e) && open.get() != null) {
            open.get().run();
            return true;
        }
        return false;
    }

    private boolean openActivity(KeyEvent e) {
        if (!MainView.OPEN_ACTIVITY.match(e) || view.openActivityProperty().get() == null) {
            return false;
        }
        HeaderBar.openActivity(view.openActivityProperty().get(), view.viewModel().selectedClusterProperty().get());
        return true;
    }
}
