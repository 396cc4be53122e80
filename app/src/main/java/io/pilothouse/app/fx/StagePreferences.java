package io.pilothouse.app.fx;

import io.pilothouse.services.platform.PreferencesStore;
import io.pilothouse.services.platform.UserPreferences;
import io.pilothouse.services.platform.WindowPlacement;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.lag.LagRange;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Puts the main window where the user left it, and remembers its place, size and theme when it closes. A saved
 * place that no longer lies on any screen (a monitor was unplugged) is not restored: the window opens at its
 * default place instead of off-screen. Saving failures are one line on standard error, never a failed close.
 */
public final class StagePreferences {

    private final PreferencesStore store;
    private UserPreferences preferences;

    /**
     * @param store       where preferences are saved
     * @param preferences the preferences loaded at start (the parts not about the window are kept as they are)
     */
    public StagePreferences(PreferencesStore store, UserPreferences preferences) {
        this.store = Objects.requireNonNull(store, "store");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
    }

    /** Restores the saved place and size onto a stage not yet shown. FX thread. */
    public void restore(Stage stage) {
        preferences.windowPlacement().filter(StagePreferences::onSomeScreen).ifPresent(p -> {
            stage.setX(p.x());
            stage.setY(p.y());
            stage.setWidth(p.width());
            stage.setHeight(p.height());
            stage.setMaximized(p.maximized());
        });
    }

    /** The main window's side panes that can be hidden, by their name in the preferences. */
    public static final String WORKSPACE_PANE = "workspace";
    /** The member details pane. */
    public static final String DETAILS_PANE = "details";

    /**
     * Shows the side panes as the user left them and follows the user's changes from now on (saved with the window
     * by {@link #remember(Stage)}). FX thread.
     */
    public void panes(javafx.beans.property.BooleanProperty workspace, javafx.beans.property.BooleanProperty details) {
        follow(WORKSPACE_PANE, workspace);
        follow(DETAILS_PANE, details);
    }

    private void follow(String pane, javafx.beans.property.BooleanProperty shown) {
        shown.set(!preferences.hiddenPanes().contains(pane));
        shown.subscribe(s -> preferences = preferences.withPaneHidden(pane, !s));
    }

    /**
     * Applies the saved lag range to {@code range} (a name this version does not know is skipped) and keeps the
     * preferences in step with it; saved with the rest when the window closes. FX thread.
     */
    public void followLagRange(javafx.beans.property.ObjectProperty<LagRange> range) {
        preferences.lagRangeName().flatMap(StagePreferences::knownRange).ifPresent(range::set);
        range.addListener((o, was, now) -> {
            if (now != null) {
                preferences = preferences.withLagRange(now.name().toLowerCase(Locale.ROOT));
            }
        });
    }

    private static java.util.Optional<LagRange> knownRange(String name) {
        try {
            return java.util.Optional.of(LagRange.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** Saves the stage's place and size and the scene's theme; call as it closes. FX thread. */
    public void remember(Stage stage) {
        UserPreferences next = preferences;
        if (stage.getWidth() >= WindowPlacement.MIN_SIZE && stage.getHeight() >= WindowPlacement.MIN_SIZE) {
            // A maximised stage reports the screen's bounds; keep the last restored bounds to go back to.
            WindowPlacement last = preferences.windowPlacement().orElse(null);
            next = stage.isMaximized() && last != null
                    ? next.withWindow(new WindowPlacement(last.x(), last.y(), last.width(), last.height(), true))
                    : next.withWindow(new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(),
                            stage.getHeight(), stage.isMaximized()));
        }
        Theme theme = Theme.of(stage.getScene());
        if (theme != null) {
            next = next.withTheme(theme.name().toLowerCase(Locale.ROOT));
        }
        preferences = next;
        try {
            store.save(next);
        } catch (IOException e) {
            System.err.println("pilothouse: could not save preferences to " + store.file() + ": " + e.getMessage());
        }
    }

    private static boolean onSomeScreen(WindowPlacement p) {
        // At least the title bar's left part must be visible somewhere, or the window could not be grabbed.
        return !Screen.getScreensForRectangle(new Rectangle2D(p.x(), p.y(), Math.min(p.width(), 200), 40)).isEmpty();
    }
}
