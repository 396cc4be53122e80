package io.pilothouse.styles;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.Scene;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Pilothouse colour theme: an AtlantaFX Primer user-agent stylesheet plus our own stylesheets, in the order
 * tokens, Modena bridge, general rules, then one file per control.
 *
 * <p>Themes are applied per scene (not with {@code Application.setUserAgentStylesheet}) so that a dialog or a
 * wall-display window can differ from the main window.
 */
public enum Theme {
    /** Light theme for a workstation in daylight. */
    LIGHT("Light", new PrimerLight().getUserAgentStylesheet(), "tokens-light.css"),
    /** Dark theme for dim rooms and NOC screens. */
    DARK("Dark", new PrimerDark().getUserAgentStylesheet(), "tokens-dark.css");

    /**
     * Root pseudo-class for the NOC wall mode (large type, fewer details): {@code pilothouse wall} and the main
     * window's View › Wall mode set it on the wall's scene. Stylesheets hook onto {@code .root:wall}; see
     * {@link #setWallMode(Scene, boolean)}.
     */
    public static final PseudoClass WALL = PseudoClass.getPseudoClass("wall");

    /** Stylesheets shared by every theme, after the theme's tokens. Order matters: later files win. */
    private static final List<String> SHARED = List.of(
            "modena-bridge.css",
            "general.css",
            "controls/header.css",
            "controls/workspace-tree.css",
            "controls/topology.css",
            "controls/member-card.css",
            "controls/banner.css",
            "controls/details.css",
            "controls/status-bar.css",
            "controls/slots.css",
            "controls/history.css",
            "controls/lag-chart.css",
            "controls/time-machine.css",
            "controls/alerts.css",
            "controls/audit.css",
            "controls/operations.css",
            "controls/switchover.css",
            "controls/indoubt.css",
            "controls/shards.css",
            "controls/reshard.css",
            "controls/activity.css",
            "controls/traffic.css",
            "controls/wall.css");

    /** Every URL we add contains this, so re-theming can remove exactly our sheets and keep anyone else's. */
    private static final String OUR_PATH = "io/pilothouse/styles/";

    private final String displayName;
    private final String userAgentPath;
    private final String tokensFile;

    Theme(String displayName, String userAgentPath, String tokensFile) {
        this.displayName = displayName;
        this.userAgentPath = userAgentPath;
        this.tokensFile = tokensFile;
    }

    /** Name for menus and tooltips. */
    public String displayName() {
        return displayName;
    }

    /** True for the dark theme. */
    public boolean isDark() {
        return this == DARK;
    }

    /** The other theme, for a light/dark toggle. */
    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** URL of the AtlantaFX user-agent stylesheet this theme builds on. */
    public String userAgentStylesheet() {
        return url(PrimerLight.class.getResource(userAgentPath), userAgentPath);
    }

    /** URLs of our stylesheets for this theme, in the order they must be added. */
    public List<String> stylesheets() {
        List<String> urls = new ArrayList<>();
        urls.add(resource(tokensFile));
        SHARED.forEach(f -> urls.add(resource(f)));
        return List.copyOf(urls);
    }

    /**
     * Applies this theme to a scene: sets the user-agent stylesheet and replaces any Pilothouse stylesheets
     * already on the scene (other stylesheets stay, after ours). Call on the FX thread.
     */
    public void applyTo(Scene scene) {
        Objects.requireNonNull(scene, "scene");
        PopupFrames.install();
        scene.setUserAgentStylesheet(userAgentStylesheet());
        scene.getStylesheets().removeIf(Theme::isOurs);
        scene.getStylesheets().addAll(0, stylesheets());
    }

    /** The theme currently applied to a scene by {@link #applyTo(Scene)}, or null if none. */
    public static Theme of(Scene scene) {
        String ua = scene == null ? null : scene.getUserAgentStylesheet();
        for (Theme t : values()) {
            if (t.userAgentStylesheet().equals(ua)) {
                return t;
            }
        }
        return null;
    }

    /** Switches the wall-display pseudo-class on the scene's root. Call on the FX thread. */
    public static void setWallMode(Scene scene, boolean on) {
        Parent root = scene.getRoot();
        if (root != null) {
            root.pseudoClassStateChanged(WALL, on);
        }
    }

    private static boolean isOurs(String url) {
        return url != null && url.contains(OUR_PATH);
    }

    private static String resource(String file) {
        return url(Theme.class.getResource(file), file);
    }

    private static String url(URL url, String what) {
        if (url == null) {
            // A missing stylesheet is a packaging error; failing loudly beats an unstyled window.
            throw new IllegalStateException("stylesheet not on the class path: " + what);
        }
        return url.toExternalForm();
    }
}
