package io.pilothouse.views.wall;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.views.format.DurationFormat;
import io.pilothouse.views.live.FrameCoalescer;
import io.pilothouse.views.live.FramePulse;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Cursor;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.util.Subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The NOC wall: a summary strip over a grid of every cluster, worst first. Read-only: no action, no menu, no dialog.
 * The live model is applied at most once per frame ({@link FrameCoalescer}), the alerts when their version changes,
 * and the ages once a second; tiles are reused, so the cost per frame is one page of label updates at most.
 *
 * <p>Keys: Space pauses the rotation, P pins the page, Left/Right (Page Up/Down) change page, Ctrl+Q or Escape ask
 * the app to close the wall ({@link #onExitProperty()}). The cursor hides after {@value #CURSOR_IDLE_SECONDS} s
 * without a mouse move.
 */
public final class WallView {

    /** Seconds without a mouse move before the cursor hides. */
    public static final int CURSOR_IDLE_SECONDS = 5;
    /** Opens the wall from the main window (View › Wall mode). */
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    /** Closes the wall (as Escape does). */
    public static final KeyCombination EXIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);

    private final BorderPane root = new BorderPane();
    private final WallViewModel vm;
    private final WallGrid grid;
    private final SummaryStrip strip;
    private final FrameCoalescer coalescer;
    private final AlertsFeed alerts;
    private final Clock clock;
    private final FramePulse pulse;
    private final PauseTransition idle = new PauseTransition(javafx.util.Duration.seconds(CURSOR_IDLE_SECONDS));
    private final ObjectProperty<Runnable> onExit = new SimpleObjectProperty<>(this, "onExit");
    private final Subscription subscriptions;
    private EstateSnapshot estate;
    private long alertsVersion = -1;
    private long second = -1;

    /**
     * @param feed       the live model
     * @param alerts     the active alerts
     * @param thresholds the workspace's alert thresholds (lag limits)
     * @param options    rotation and type size
     * @param clock      the wall's clock (data ages, rotation)
     */
    public WallView(EstateFeed feed, AlertsFeed alerts, AlertThresholds thresholds, WallOptions options, Clock clock) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.vm = new WallViewModel(new TileModels(thresholds), options.rotateEvery(), Runnable::run);
        this.grid = new WallGrid(options, vm::setTilesPerPage);
        this.strip = new SummaryStrip(vm);
        this.coalescer = new FrameCoalescer(feed, s -> estate = s);
        root.getStyleClass().add(WallStyles.WALL);
        // Wall mode by construction, wherever the root is shown (its own window, an offscreen render).
        root.pseudoClassStateChanged(io.pilothouse.styles.Theme.WALL, true);
        root.pseudoClassStateChanged(WallStyles.LARGE, options.large());
        root.setTop(strip.root());
        root.setCenter(grid.root());
        subscriptions = vm.pageProperty().subscribe(grid::show);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        root.addEventFilter(MouseEvent.MOUSE_MOVED, e -> wake());
        idle.setOnFinished(e -> root.setCursor(Cursor.NONE));
        root.setFocusTraversable(true);
        // Frames only when something moved: a publish, an alerts change, a new second (ages, rotation).
        pulse = new FramePulse(nanos -> frame()).wakeEvery(java.time.Duration.ofSeconds(1))
                .wakeOnPublish(feed).wakeWhen(alerts::onChange);
        root.sceneProperty().subscribe(s -> {
            if (s != null) {
                wake();
                root.requestFocus();
            }
        });
    }

    /** The wall's content; the app puts it in a full-screen window of its own (or renders it offscreen). */
    public Parent root() {
        return root;
    }

    /** Starts following the live model once per frame; idempotent. */
    public void start() {
        pulse.start();
    }

    /** Applies the latest snapshot, alerts and ages now (tests, screenshots). */
    public void refreshNow() {
        coalescer.applyNow();
        draw();
    }

    /** What Ctrl+Q and Escape do: the app closes the wall's window; null does nothing. */
    public ObjectProperty<Runnable> onExitProperty() {
        return onExit;
    }

    /** The wall's view model (paging and counts, for tests and the app). */
    public WallViewModel viewModel() {
        return vm;
    }

    /** Stops the pulse and the cursor timer and drops the listeners. */
    public void dispose() {
        pulse.stop();
        idle.stop();
        subscriptions.unsubscribe();
        strip.dispose();
    }

    /** The grid (tests count the tiles it made). */
    WallGrid grid() {
        return grid;
    }

    /** The summary strip (tests read its counts). */
    SummaryStrip strip() {
        return strip;
    }

    private void frame() {
        boolean changed = coalescer.pulse();
        ActiveAlerts a = alerts.latest();
        long s = clock.millis() / 1000;
        if (changed || a.version() != alertsVersion || s != second) {
            draw();
        }
    }

    private void draw() {
        ActiveAlerts a = alerts.latest();
        alertsVersion = a.version();
        Instant now = clock.instant();
        second = now.getEpochSecond();
        if (estate != null) {
            vm.show(estate, a, now);
            // After the model has published: a layout change re-cuts the pages, which must not interleave.
            grid.setClusters(vm.clustersProperty().get());
            strip.updatedAt(DurationFormat.clock(now, clock.getZone()));
        }
    }

    private void key(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.SPACE) {
            vm.togglePause();
        } else if (code == KeyCode.P) {
            vm.togglePin();
        } else if (code == KeyCode.RIGHT || code == KeyCode.PAGE_DOWN) {
            vm.nextPage();
        } else if (code == KeyCode.LEFT || code == KeyCode.PAGE_UP) {
            vm.previousPage();
        } else if ((code == KeyCode.ESCAPE || EXIT.match(e)) && onExit.get() != null) {
            onExit.get().run();
        } else {
            return;
        }
        e.consume();
    }

    private void wake() {
        root.setCursor(Cursor.DEFAULT);
        idle.playFromStart();
    }
}
