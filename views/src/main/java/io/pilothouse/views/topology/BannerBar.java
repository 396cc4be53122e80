package io.pilothouse.views.topology;

import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.Locale;

/**
 * The stack of banners above the topology. Each banner has an id {@code banner-<kind>} (e.g.
 * {@code banner-no-leader}), a tone pseudo-class and an icon; the words carry the meaning, not the colour.
 */
final class BannerBar extends VBox {

    private final ObservableList<Banner> banners;
    private final ListChangeListener<Banner> listener = c -> rebuild();

    BannerBar(ObservableList<Banner> banners) {
        super(8);
        this.banners = banners;
        getStyleClass().add(Styles.BANNER_BAR);
        banners.addListener(listener);
        rebuild();
    }

    /** Stops listening to the view model. */
    void dispose() {
        banners.removeListener(listener);
    }

    /** The id a banner of this kind gets, for tests and stylesheets. */
    static String idOf(BannerKind kind) {
        return "banner-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void rebuild() {
        getChildren().setAll(banners.stream().map(BannerBar::node).toList());
        setVisible(!banners.isEmpty());
        setManaged(!banners.isEmpty());
    }

    private static HBox node(Banner b) {
        FontIcon icon = new FontIcon(icon(b.kind()));
        icon.getStyleClass().add(Styles.BANNER_ICON);
        Label title = new Label(b.title());
        title.getStyleClass().add(Styles.BANNER_TITLE);
        title.setMinWidth(Label.USE_PREF_SIZE);
        Label message = new Label(b.message());
        message.getStyleClass().add(Styles.BANNER_MESSAGE);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        // Without this an HBox gives a wrapping label one line and ellipsizes the rest.
        message.setMinHeight(Label.USE_PREF_SIZE);
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox box = new HBox(10, icon, title, message);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add(Styles.BANNER);
        box.setId(idOf(b.kind()));
        Styles.setTone(box, b.tone() == Tone.NEUTRAL ? null : b.tone());
        return box;
    }

    private static Ikon icon(BannerKind kind) {
        switch (kind) {
            case NO_LEADER: return MaterialDesignA.ALERT_OCTAGON;
            case STALE_DATA: return MaterialDesignL.LAN_DISCONNECT;
            case LEASE_EXPIRING: return MaterialDesignT.TIMER_SAND;
            case PAUSED: return MaterialDesignP.PAUSE_CIRCLE_OUTLINE;
            case REPLICATION_PROBLEM: return MaterialDesignL.LINK_VARIANT_OFF;
            case WRITES_BLOCKED: return MaterialDesignD.DATABASE_LOCK;
            case DCS_NODE_DISAGREEMENT: return MaterialDesignA.ALERT_DECAGRAM;
            default: return MaterialDesignC.CALENDAR_CLOCK;
        }
    }
}
