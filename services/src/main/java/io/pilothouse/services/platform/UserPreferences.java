package io.pilothouse.services.platform;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the user chose last time and expects to find again: the theme, the main window's place and size, the
 * workspace last opened and the lag chart's range. Every part is optional; an absent part means "the app's
 * default". Values are kept as plain names ({@code "dark"}, {@code "ONE_HOUR"}) so this class needs neither the
 * styles nor the views module; the side that applies them parses and ignores names it does not know.
 *
 * @param theme         theme name, e.g. {@code light} or {@code dark}; null when never chosen
 * @param window        the main window's last placement; null when never saved
 * @param lastWorkspace absolute path of the workspace file last opened; null when none
 * @param lagRange      the lag chart's range name; null when never chosen
 * @param hiddenPanes   the main window's side panes the user hid ({@code workspace}, {@code details}); never null
 */
public record UserPreferences(String theme, WindowPlacement window, Path lastWorkspace, String lagRange,
                              Set<String> hiddenPanes) {

    /** Nothing chosen yet. */
    public static final UserPreferences NONE = new UserPreferences(null, null, null, null);

    public UserPreferences {
        hiddenPanes = hiddenPanes == null ? Set.of() : Set.copyOf(hiddenPanes);
    }

    /** Preferences with every side pane shown. */
    public UserPreferences(String theme, WindowPlacement window, Path lastWorkspace, String lagRange) {
        this(theme, window, lastWorkspace, lagRange, Set.of());
    }

    /** A copy where {@code pane} is hidden or shown. */
    public UserPreferences withPaneHidden(String pane, boolean hidden) {
        Set<String> next = new TreeSet<>(hiddenPanes);
        if (hidden) {
            next.add(pane);
        } else {
            next.remove(pane);
        }
        return new UserPreferences(theme, window, lastWorkspace, lagRange, next);
    }

    /** The chosen theme name. */
    public Optional<String> themeName() {
        return Optional.ofNullable(theme);
    }

    /** The main window's last placement. */
    public Optional<WindowPlacement> windowPlacement() {
        return Optional.ofNullable(window);
    }

    /** The workspace file last opened. */
    public Optional<Path> lastWorkspaceFile() {
        return Optional.ofNullable(lastWorkspace);
    }

    /** The lag chart's range name. */
    public Optional<String> lagRangeName() {
        return Optional.ofNullable(lagRange);
    }

    /** A copy with another theme. */
    public UserPreferences withTheme(String name) {
        return new UserPreferences(name, window, lastWorkspace, lagRange, hiddenPanes);
    }

    /** A copy with another window placement. */
    public UserPreferences withWindow(WindowPlacement placement) {
        return new UserPreferences(theme, placement, lastWorkspace, lagRange, hiddenPanes);
    }

    /** A copy with another last workspace; stored absolute, since the next start may be from another directory. */
    public UserPreferences withLastWorkspace(Path file) {
        return new UserPreferences(theme, window, file == null ? null : file.toAbsolutePath().normalize(), lagRange,
                hiddenPanes);
    }

    /** A copy with another lag range. */
    public UserPreferences withLagRange(String name) {
        return new UserPreferences(theme, window, lastWorkspace, name, hiddenPanes);
    }
}
