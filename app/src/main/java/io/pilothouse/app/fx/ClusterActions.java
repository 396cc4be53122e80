package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.views.main.ClusterAction;
import io.pilothouse.views.main.ClusterActionHandler;
import javafx.stage.Window;

import java.util.function.Supplier;

/**
 * Carries out the main window's Operations menu: the switchover / failover wizard, the add / remove replica wizards,
 * and a window per Patroni operation (restart, reload, reinitialise, pause, resume, configuration). All work runs on
 * the session's I/O executor, never on the FX thread.
 */
public final class ClusterActions implements ClusterActionHandler {

    private final Supplier<Window> owner;
    private final LiveSession session;
    private final WindowFactory windows;

    /** @param owner the main window (the new windows' owner) */
    public ClusterActions(Supplier<Window> owner, LiveSession session) {
        this(owner, session, new WindowFactory());
    }

    public ClusterActions(Supplier<Window> owner, LiveSession session, WindowFactory windows) {
        this.owner = owner;
        this.session = session;
        this.windows = windows;
    }

    @Override
    public void perform(ClusterAction action, ClusterSnapshot cluster, String member) {
        switch (action) {
            case SWITCHOVER -> LeaderChangeWindow.open(owner.get(), windows, session, cluster,
                    OperationKind.SWITCHOVER, member);
            case FAILOVER -> LeaderChangeWindow.open(owner.get(), windows, session, cluster, OperationKind.FAILOVER,
                    member);
            case MOVE_PARTITION -> ReshardWindow.open(owner.get(), session, windows, cluster.source(),
                    cluster.scope());
            case ADD_REPLICA -> ReplicaWindow.open(owner.get(), windows, session, cluster);
            case REMOVE_REPLICA -> ReplicaRemovalWindow.open(owner.get(), windows, session, cluster, member);
            default -> new PatroniOperationDialogs(owner.get(), session, windows).perform(action, cluster, member);
        }
    }
}
