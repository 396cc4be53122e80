package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.views.main.ClusterAction;
import io.pilothouse.views.main.ClusterActionHandler;
import javafx.stage.Window;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Carries out the main window's Operations menu: the switchover wizard, and the Patroni operation dialogs. */
public final class ClusterActions implements ClusterActionHandler {

    private final Supplier<Window> owner;
    private final LiveSession session;
    private final Executor work;

    /**
     * @param owner the main window (the wizards' owner)
     * @param work  runs the operations, off the FX thread
     */
    public ClusterActions(Supplier<Window> owner, LiveSession session, Executor work) {
        this.owner = owner;
        this.session = session;
        this.work = work;
    }

    @Override
    public void perform(ClusterAction action, ClusterSnapshot cluster, String member) {
        switch (action) {
            case SWITCHOVER -> LeaderChangeWindow.open(owner.get(), session.switchovers(), work, cluster,
                    OperationKind.SWITCHOVER, member);
            case FAILOVER -> LeaderChangeWindow.open(owner.get(), session.switchovers(), work, cluster,
                    OperationKind.FAILOVER, member);
            default -> throw new IllegalArgumentException(action + " is not wired yet");
        }
    }
}
