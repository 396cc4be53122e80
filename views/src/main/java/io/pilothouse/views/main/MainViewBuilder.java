package io.pilothouse.views.main;

import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.history.EstateHistory;
import io.pilothouse.services.metrics.LagSeriesSource;
import io.pilothouse.services.model.EstateFeed;

import java.time.Clock;
import java.util.Objects;

/** What a {@link MainView} is built on ({@link MainView#builder}); only the feed is required. */
public final class MainViewBuilder {

    private java.util.function.Consumer<javafx.stage.Window> openWall;
    private final EstateFeed feed;
    private Clock clock = Clock.systemDefaultZone();
    private EstateHistory history;
    private LagSeriesSource lag;
    private AlertsFeed alerts = AlertsFeed.NONE;
    private io.pilothouse.services.alerts.AlertLedger alertLedger;
    private io.pilothouse.views.alerts.AlertActions alertActions;
    private java.util.concurrent.Executor fx;
    private io.pilothouse.views.traffic.TrafficInputs traffic;
    private io.pilothouse.views.timemachine.TimeMachineViewModel timeMachine;

    MainViewBuilder(EstateFeed feed) {
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    /** Time source for ages and banners; its zone is used for times of day. */
    public MainViewBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The recorded history of every cluster; null (the default) when none is kept. */
    public MainViewBuilder history(EstateHistory history) {
        this.history = history;
        return this;
    }

    /** Sampled lag series of every cluster; null (the default) when none are sampled. */
    public MainViewBuilder lag(LagSeriesSource lag) {
        this.lag = lag;
        return this;
    }

    /** Active alerts of the estate (the Alerts tab and the tree badges); none by default. */
    public MainViewBuilder alerts(AlertsFeed alerts) {
        this.alerts = alerts == null ? AlertsFeed.NONE : alerts;
        return this;
    }

    /**
     * The app's history of alerts, kept across clears, with acknowledge and silence through {@code actions};
     * their answers are applied on {@code fx}. Without it the Alerts tab lists the active alerts alone.
     */
    public MainViewBuilder alertHistory(io.pilothouse.services.alerts.AlertLedger ledger,
                                        io.pilothouse.views.alerts.AlertActions actions,
                                        java.util.concurrent.Executor fx) {
        this.alertLedger = ledger;
        this.alertActions = actions;
        this.fx = fx;
        return this;
    }

    io.pilothouse.services.alerts.AlertLedger alertLedger() {
        return alertLedger;
    }

    io.pilothouse.views.alerts.AlertActions alertActions() {
        return alertActions;
    }

    /** Adds the Traffic tab on {@code inputs}' feed (without it the tab says there is no traffic layer). */
    public MainViewBuilder traffic(io.pilothouse.views.traffic.TrafficInputs inputs) {
        this.traffic = inputs;
        return this;
    }

    io.pilothouse.views.traffic.TrafficInputs traffic() {
        return traffic;
    }

    java.util.concurrent.Executor fx() {
        return fx;
    }

    /**
     * A time machine: its slider goes under the cluster view and, while it shows a stored moment, the feed, the alerts
     * and the clock the view reads are the past's. None by default.
     */
    public MainViewBuilder timeMachine(io.pilothouse.views.timemachine.TimeMachineViewModel machine) {
        this.timeMachine = machine;
        return this;
    }

    io.pilothouse.views.timemachine.TimeMachineViewModel timeMachine() {
        return timeMachine;
    }

    EstateFeed feed() {
        return timeMachine == null ? feed : new io.pilothouse.views.timemachine.ScrubbedEstateFeed(feed, timeMachine);
    }

    Clock clock() {
        return timeMachine == null ? clock : new io.pilothouse.views.timemachine.ScrubbedClock(clock, timeMachine);
    }

    EstateHistory history() {
        return history;
    }

    LagSeriesSource lag() {
        return lag;
    }

    AlertsFeed alerts() {
        return timeMachine == null ? alerts : new io.pilothouse.views.timemachine.ScrubbedAlertsFeed(alerts,
                timeMachine);
    }

    /**
     * What the header's View › Wall mode does, given the main window: the app opens the wall full screen. None (no
     * View menu) by default.
     */
    public MainViewBuilder openWall(java.util.function.Consumer<javafx.stage.Window> opener) {
        this.openWall = opener;
        return this;
    }

    java.util.function.Consumer<javafx.stage.Window> openWall() {
        return openWall;
    }

    /** The view, reading the feed once per frame until {@link MainView#dispose()}. FX thread. */
    public MainView build() {
        return new MainView(this);
    }
}

