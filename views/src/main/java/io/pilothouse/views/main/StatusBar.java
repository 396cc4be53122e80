package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.TimeFormat;
import io.pilothouse.views.format.SourceStatusText;
import io.pilothouse.views.topology.TopologyViewModel;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.beans.property.BooleanProperty;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Subscription;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The bottom bar: freshness of each source feeding the selected cluster ({@code etcd ● live},
 * {@code REST ● stale since 12:01:03 (14 s)}, {@code SQL ● unreachable …: connection refused}) and, on the
 * right, how fresh the picture is ({@code updated 0.3 s ago}; the snapshot number in the tooltip).
 */
final class StatusBar {

    private final HBox root = new HBox(22);
    private final Map<SourceKind, Label> texts = new EnumMap<>(SourceKind.class);
    private final Map<SourceKind, Region> dots = new EnumMap<>(SourceKind.class);
    private final Label snapshot = new Label();
    /** Pushes the freshness words to the right; indicators go before it. */
    private final Region spacer = new Region();
    private final Tooltip snapshotTip = new Tooltip();
    private final MainViewModel vm;
    private final Subscription subscriptions;

    StatusBar(MainViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add(Styles.STATUS_BAR);
        root.setAlignment(Pos.CENTER_LEFT);
        for (SourceKind k : SourceKind.values()) {
            root.getChildren().add(source(k));
        }
        HBox.setHgrow(spacer, Priority.ALWAYS);
        snapshot.getStyleClass().addAll(Styles.STATUS_TEXT, Styles.SUBTLE);
        snapshot.setMinWidth(Region.USE_PREF_SIZE);
        snapshot.setId("status-updated");
        snapshot.setTooltip(snapshotTip);
        root.getChildren().addAll(spacer, snapshot);
        TopologyViewModel topology = vm.topology();
        subscriptions = topology.clusterProperty().subscribe(c -> refresh())
                .and(vm.nowProperty().subscribe(t -> refresh()));
    }

    Parent root() {
        return root;
    }

    /** Adds {@code indicator} (e.g. the running operations) after the sources, before the snapshot's line. */
    void addIndicator(javafx.scene.Node indicator) {
        root.getChildren().add(root.getChildren().indexOf(spacer), indicator);
    }

    /**
     * Two toggles at the ends of the bar that show or hide the side panes (the workspace tree on the left, the
     * member details on the right), with their shortcuts in the tooltips.
     */
    void addPaneToggles(BooleanProperty workspace, BooleanProperty details) {
        root.getChildren().add(0, toggle("Workspace", "pane-toggle-workspace", workspace, MainView.TOGGLE_WORKSPACE,
                org.kordamp.ikonli.materialdesign2.MaterialDesignD.DOCK_LEFT));
        root.getChildren().add(toggle("Details", "pane-toggle-details", details, MainView.TOGGLE_DETAILS,
                org.kordamp.ikonli.materialdesign2.MaterialDesignD.DOCK_RIGHT));
    }

    private static ToggleButton toggle(String text, String id, BooleanProperty shown,
                                       javafx.scene.input.KeyCombination key, org.kordamp.ikonli.Ikon icon) {
        ToggleButton b = new ToggleButton(text, new org.kordamp.ikonli.javafx.FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add("ph-pane-toggle");
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.selectedProperty().bindBidirectional(shown);
        b.setTooltip(new Tooltip("Show or hide the " + text.toLowerCase(java.util.Locale.ROOT) + " pane ("
                + key.getDisplayText() + ")"));
        return b;
    }

    /** The freshness words on the right (tests). */
    String updatedText() {
        return snapshot.getText();
    }

    /** The words shown for a source (tests). */
    String text(SourceKind kind) {
        return texts.get(kind).getText();
    }

    void dispose() {
        subscriptions.unsubscribe();
    }

    private HBox source(SourceKind k) {
        Region dot = new Region();
        dot.getStyleClass().add(Styles.DOT);
        Label name = new Label(SourceStatusText.name(k));
        name.getStyleClass().add(Styles.STATUS_SOURCE_NAME);
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label();
        text.getStyleClass().add(Styles.STATUS_TEXT);
        text.setTextOverrun(OverrunStyle.ELLIPSIS);
        text.setMinWidth(40);
        dots.put(k, dot);
        texts.put(k, text);
        HBox box = new HBox(6, dot, name, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add(Styles.STATUS_SOURCE);
        box.setMinWidth(Region.USE_COMPUTED_SIZE);
        return box;
    }

    private void refresh() {
        ClusterSnapshot c = vm.topology().clusterProperty().get();
        Instant now = vm.nowProperty().get();
        for (SourceKind k : SourceKind.values()) {
            // A cluster without Patroni has no etcd or REST source: do not show them as "not connected".
            boolean configured = c == null || c.sources().containsKey(k);
            Parent box = texts.get(k).getParent();
            box.setVisible(configured);
            box.setManaged(configured);
            SourceStatus s = c == null ? SourceStatus.unknown(k) : c.sourceStatus(k);
            texts.get(k).setText(SourceStatusText.describe(s, now, vm.topology().zone()));
            Styles.setTone(dots.get(k), tone(s.freshness()));
            Styles.setTone(texts.get(k), s.freshness() == Freshness.LIVE ? null : tone(s.freshness()));
        }
        EstateSnapshot e = vm.estateProperty().get();
        boolean none = e == null || e.version() == 0 || e.observedAt() == null;
        // What a DBA asks is how fresh the picture is; the snapshot number is for whoever debugs the feed.
        snapshot.setText(none ? "not updated yet" : updated(e.observedAt(), now));
        snapshotTip.setText(none ? "Nothing read yet" : "Snapshot " + e.version() + ", read at "
                + TimeFormat.at(e.observedAt(), now, vm.topology().zone()));
    }

    /**
     * How fresh the picture is. A live estate is republished at least once a second: under {@link #JUST_NOW} it says
     * "updated just now" and stays put, where counting tenths would change the words (and redraw the window) in
     * every frame; past it, the age, as a feed that stopped shows it.
     */
    static String updated(Instant at, Instant now) {
        return java.time.Duration.between(at, now).compareTo(JUST_NOW) < 0 ? "updated just now"
                : "updated " + TimeFormat.ago(at, now);
    }

    /** Younger than this is "just now": a heartbeat and a bit. */
    static final java.time.Duration JUST_NOW = java.time.Duration.ofSeconds(2);

    private static Tone tone(Freshness f) {
        switch (f) {
            case LIVE: return Tone.OK;
            case STALE: return Tone.WARN;
            case UNREACHABLE: return Tone.DANGER;
            default: return null;
        }
    }
}
