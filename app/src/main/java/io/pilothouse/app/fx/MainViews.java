package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.views.timemachine.TimeMachineViewModel;
import io.pilothouse.views.main.MainView;
import io.pilothouse.views.operations.RunningOperationsIndicator;
import io.pilothouse.views.operations.RunningOperationsModel;

import java.time.Clock;

/** Builds the main view on everything a live session publishes, the same way for the window and for screenshots. */
public final class MainViews {

    private MainViews() {
    }

    /** A main view on {@code session}'s estate, history, lag and alerts, in the local time zone. Call on the FX thread. */
    public static MainView on(LiveSession session) {
        return on(session, timeMachine(session));
    }

    /** As {@link #on(LiveSession)}, with {@code machine} as its time machine (null for none). */
    public static MainView on(LiveSession session, TimeMachineViewModel machine) {
        return on(session, machine, session.traffic());
    }

    /**
     * As {@link #on(LiveSession, TimeMachineViewModel)}, with a Traffic tab on {@code traffic} (null: the tab says no
     * traffic layer is read) and its operations on the session.
     */
    public static MainView on(LiveSession session, TimeMachineViewModel machine,
                              io.pilothouse.services.traffic.TrafficFeed traffic) {
        return on(session, session.feed(), machine, traffic);
    }

    /**
     * As {@link #on(LiveSession)}, drawing {@code estate} (the session's feed, or one that shows the last-known
     * estate until the session's sources answer: {@link io.pilothouse.app.wiring.LastKnownFeed}).
     */
    public static MainView on(LiveSession session, io.pilothouse.services.model.EstateFeed estate) {
        return on(session, estate, timeMachine(session), session.traffic());
    }

    private static MainView on(LiveSession session, io.pilothouse.services.model.EstateFeed estate,
                               TimeMachineViewModel machine, io.pilothouse.services.traffic.TrafficFeed traffic) {
        MainView view = MainView.builder(estate).clock(Clock.systemDefaultZone()).history(session.history())
                .traffic(traffic == null ? null : new io.pilothouse.views.traffic.TrafficInputs(traffic,
                        new TrafficWindowActions(session), new WindowFactory(), FxToolkit.fx()))
                .lag(session.lag()).alerts(session.alerts())
                .alertHistory(session.alertLedger(), new AlertLedgerActions(session.alertLedger(),
                        session.ioExecutor()), FxToolkit.fx())
                .timeMachine(machine)
                // View › Wall mode: the wall full screen on this window's session, in this window's theme.
                .openWall(owner -> WallWindow.open(session, WindowFactory.themeOf(owner),
                        io.pilothouse.views.wall.WallOptions.DEFAULTS, owner, () -> { }))
                .build();
        RunningOperationsIndicator running = new RunningOperationsIndicator(new RunningOperationsModel(
                session.operationsRunning(), FxToolkit.fx(), Clock.systemUTC()));
        view.addStatusIndicator(running.root(), running::dispose);
        return view;
    }

    /** The time machine on the session's history store, or null when the session records none. */
    static TimeMachineViewModel timeMachine(LiveSession session) {
        SessionHistory store = session.historyStore();
        return store == null ? null : new TimeMachineViewModel(store.past(), session.ioExecutor(),
                FxToolkit.fx(), Clock.systemDefaultZone(), store::status);
    }
}
