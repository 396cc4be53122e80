package io.pilothouse.views.timemachine;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.history.store.PastMoment;

import java.util.function.Consumer;

/** The live alerts, or those active at the stored moment while the time machine shows one. */
public final class ScrubbedAlertsFeed implements AlertsFeed {

    private final AlertsFeed live;
    private final TimeMachineViewModel machine;

    public ScrubbedAlertsFeed(AlertsFeed live, TimeMachineViewModel machine) {
        this.live = live;
        this.machine = machine;
    }

    @Override
    public ActiveAlerts latest() {
        PastMoment m = machine.shown();
        return m == null ? live.latest() : m.alerts();
    }

    @Override
    public AutoCloseable onEvent(Consumer<AlertEvent> listener) {
        return live.onEvent(listener);
    }

    /** Live changes, and each change of the moment shown. */
    @Override
    public AutoCloseable onChange(Runnable listener) {
        AutoCloseable fromLive = live.onChange(listener);
        AutoCloseable fromMachine = machine.onShownChanged(listener);
        return () -> {
            fromMachine.close();
            fromLive.close();
        };
    }
}
