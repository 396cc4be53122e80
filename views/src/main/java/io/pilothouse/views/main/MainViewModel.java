package io.pilothouse.views.main;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.views.live.FrameCoalescer;
import io.pilothouse.views.live.FramePulse;
import io.pilothouse.views.topology.TopologyViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * State of the main window, fed from the live {@link EstateFeed}: the estate, the selected cluster, and the
 * topology view model. The feed is read once per frame and applied only when its version changed (never one
 * {@code Platform.runLater} per event), and only in frames a publish, an alerts change or a new second woke (a
 * window where nothing moves draws nothing); the clock advances once a second so ages keep moving on a frozen feed.
 * All methods run on the FX thread.
 */
public final class MainViewModel {

    private final Clock clock;
    private final FrameCoalescer coalescer;
    private final FramePulse pulse;
    private final TopologyViewModel topology;
    private final AlertsFeed alertsFeed;

    private final ReadOnlyObjectWrapper<EstateSnapshot> estate = new ReadOnlyObjectWrapper<>(this, "estate");
    private final ReadOnlyStringWrapper workspaceName = new ReadOnlyStringWrapper(this, "workspaceName", "");
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(this, "readOnly");
    private final ReadOnlyObjectWrapper<ClusterKey> selectedCluster = new ReadOnlyObjectWrapper<>(this, "selectedCluster");
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now");
    private final ReadOnlyObjectWrapper<ActiveAlerts> alerts =
            new ReadOnlyObjectWrapper<>(this, "alerts", ActiveAlerts.NONE);
    private ClusterKey requested;

    /**
     * @param feed  the live model
     * @param clock time source for ages and banners (a fixed clock in tests and screenshots)
     */
    public MainViewModel(EstateFeed feed, Clock clock) {
        this(feed, AlertsFeed.NONE, clock);
    }

    /**
     * @param feed   the live model
     * @param alerts active alerts, read once per frame like the feed
     * @param clock  time source for ages and banners (a fixed clock in tests and screenshots)
     */
    public MainViewModel(EstateFeed feed, AlertsFeed alerts, Clock clock) {
        this.alertsFeed = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.topology = new TopologyViewModel(clock.getZone());
        this.coalescer = new FrameCoalescer(feed, this::apply);
        this.pulse = new FramePulse(nanos -> onFrame()).wakeEvery(java.time.Duration.ofSeconds(1))
                .wakeOnPublish(feed).wakeWhen(alerts::onChange);
        now.set(clock.instant());
    }

    /** The estate last applied, or null before the first frame. */
    public ReadOnlyObjectProperty<EstateSnapshot> estateProperty() {
        return estate.getReadOnlyProperty();
    }

    /** The workspace's name. */
    public ReadOnlyStringProperty workspaceNameProperty() {
        return workspaceName.getReadOnlyProperty();
    }

    /** Whether the workspace is read-only. */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** The cluster shown in the topology, or null when there is none. */
    public ReadOnlyObjectProperty<ClusterKey> selectedClusterProperty() {
        return selectedCluster.getReadOnlyProperty();
    }

    /** The current time, advanced about once a second. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The active alerts of the estate, as last read (once per frame, only when their version moved). */
    public ReadOnlyObjectProperty<ActiveAlerts> alertsProperty() {
        return alerts.getReadOnlyProperty();
    }

    /** The topology of the selected cluster, and the selected member. */
    public TopologyViewModel topology() {
        return topology;
    }

    /** Starts reading the feed in the frames its publishes, the alerts' changes and each new second wake. */
    public void start() {
        pulse.start();
    }

    /** Stops reading the feed. The view model can be started again. */
    public void stop() {
        pulse.stop();
    }

    /** Applies the feed's latest snapshot and the current time now, without waiting for a frame. */
    public void refreshNow() {
        now.set(clock.instant());
        pullAlerts();
        coalescer.applyNow();
    }

    private void pullAlerts() {
        ActiveAlerts a = alertsFeed.latest();
        // The feed replaces its snapshot only when the alerts changed: identity is the cheap version check.
        if (a != alerts.get()) {
            alerts.set(a);
        }
    }

    /** Number of snapshots applied so far (coalescing diagnostics). */
    public long applyCount() {
        return coalescer.applyCount();
    }

    /**
     * Shows a cluster. If it is not in the estate yet, the first cluster is shown until it appears.
     */
    public void selectCluster(String source, String scope) {
        requested = new ClusterKey(source, scope);
        EstateSnapshot e = estate.get();
        if (e != null) {
            showSelected(e);
        }
    }

    /** One frame: apply the feed if its version moved, advance the clock if a new second began. */
    void onFrame() {
        Instant t = clock.instant();
        boolean newSecond = t.getEpochSecond() != now.get().getEpochSecond();
        if (newSecond) {
            now.set(t);
        }
        pullAlerts();
        coalescer.pulse();
        // Ages move once a second, also when a snapshot was applied but the shown cluster was not new in it.
        if (newSecond && topology.nowProperty().get() != now.get()) {
            topology.tick(now.get());
        }
    }

    private void apply(EstateSnapshot e) {
        estate.set(e);
        workspaceName.set(e.workspaceName());
        readOnly.set(e.readOnly());
        showSelected(e);
    }

    private void showSelected(EstateSnapshot e) {
        ClusterSnapshot c = requested == null ? null : e.cluster(requested.source(), requested.scope()).orElse(null);
        if (c == null) {
            ClusterKey current = selectedCluster.get();
            c = current == null ? null : e.cluster(current.source(), current.scope()).orElse(null);
        }
        if (c == null && !e.clusters().isEmpty()) {
            c = e.clusters().get(0);
        }
        ClusterKey key = c == null ? null : ClusterKey.of(c);
        // An equal key is no new selection: setting a new instance would re-run every selection listener per frame.
        if (!java.util.Objects.equals(key, selectedCluster.get())) {
            selectedCluster.set(key);
        }
        // The live model keeps a cluster's snapshot object while it does not change: the same object, nothing to show.
        if (c == null || c != topology.clusterProperty().get()) {
            topology.show(c, now.get());
        }
    }
}
