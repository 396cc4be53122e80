package io.pilothouse.views.timemachine;

import io.pilothouse.views.live.FramePulse;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

import java.time.Instant;

/**
 * The time slider under the cluster view: drag to any stored second, {@code ←}/{@code →} step to the
 * previous/next event, {@code Shift+←}/{@code Shift+→} step one second, {@code End} or the Live button return to now. Create on the
 * FX thread; {@link #dispose()} stops its refresh.
 */
public final class TimeMachineBar {

    /** How often the slider's right end (now) and the store's state are refreshed. */
    static final Duration REFRESH = Duration.seconds(2);

    private final TimeMachineViewModel vm;
    private final HBox root = new HBox(8);
    private final Slider slider = new Slider();
    private final FramePulse refresh;
    private boolean moving;

    public TimeMachineBar(TimeMachineViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add(TimeMachineStyles.BAR);
        slider.getStyleClass().add(TimeMachineStyles.SLIDER);
        slider.setId("time-machine-slider");
        slider.setTooltip(new Tooltip("Drag back to any stored second. ←/→ previous/next event, Shift+←/→ one "
                + "second, End: live"));
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label caption = new Label();
        caption.getStyleClass().add(TimeMachineStyles.CAPTION);
        caption.textProperty().bind(vm.captionProperty());
        caption.setMinWidth(120);
        Button previous = new Button("◀ Event");
        previous.setId("time-machine-previous");
        previous.setOnAction(e -> vm.stepEvent(-1));
        Button next = new Button("Event ▶");
        next.setId("time-machine-next");
        next.setOnAction(e -> vm.stepEvent(+1));
        Button live = new Button("Live");
        live.setId("time-machine-live");
        live.getStyleClass().add(TimeMachineStyles.LIVE_BUTTON);
        live.disableProperty().bind(vm.liveProperty());
        live.setOnAction(e -> vm.goLive());
        Label warning = new Label();
        warning.getStyleClass().add(TimeMachineStyles.WARNING);
        warning.textProperty().bind(vm.warningProperty());
        warning.visibleProperty().bind(vm.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        warning.setWrapText(true);
        warning.setMaxWidth(420);
        root.getChildren().addAll(caption, slider, previous, next, live, warning);

        vm.liveProperty().subscribe(isLive -> root.pseudoClassStateChanged(PseudoClass.getPseudoClass(
                TimeMachineStyles.PAST), !isLive));
        vm.positionProperty().subscribe(this::placeThumb);
        // A drag ends (true -> false): scrub there. Not on the initial value, which is no user's choice.
        slider.valueChangingProperty().addListener((o, was, changing) -> {
            if (was && !changing) {
                scrubToThumb();
            }
        });
        slider.setOnMouseReleased(e -> scrubToThumb());
        slider.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        refreshRange();
        refresh = FramePulse.every(java.time.Duration.ofMillis((long) REFRESH.toMillis()), this::refreshRange);
    }

    /** The bar, to put under the cluster view. */
    public Node root() {
        return root;
    }

    /** The slider (tests). */
    Slider slider() {
        return slider;
    }

    /** Stops the refresh. */
    public void dispose() {
        refresh.stop();
    }

    /** Re-reads the stored range and moves the right end to now; while live the thumb follows now. */
    void refreshRange() {
        vm.refresh();
        long now = vm.now().getEpochSecond();
        Instant first = vm.firstProperty().get();
        moving = true;
        slider.setMin(first == null ? now - 60 : Math.min(first.getEpochSecond(), now - 1));
        slider.setMax(now);
        Instant position = vm.positionProperty().get();
        slider.setValue(position == null ? now : position.getEpochSecond());
        moving = false;
    }

    private void placeThumb(Instant position) {
        moving = true;
        slider.setValue(position == null ? slider.getMax() : position.getEpochSecond());
        moving = false;
    }

    private void scrubToThumb() {
        if (!moving) {
            vm.scrubTo(Instant.ofEpochSecond((long) slider.getValue()));
        }
    }

    private void keys(KeyEvent e) {
        boolean shift = e.isShiftDown();
        if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
            int direction = e.getCode() == KeyCode.LEFT ? -1 : 1;
            if (shift) {
                Instant at = vm.positionProperty().get() == null ? vm.now() : vm.positionProperty().get();
                vm.scrubTo(at.plusSeconds(direction));
            } else {
                vm.stepEvent(direction);
            }
            e.consume();
        } else if (e.getCode() == KeyCode.END) {
            vm.goLive();
            e.consume();
        }
    }
}
