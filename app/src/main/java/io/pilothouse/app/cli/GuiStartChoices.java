package io.pilothouse.app.cli;

import io.pilothouse.services.platform.UserPreferences;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceException;
import io.pilothouse.services.workspace.WorkspaceLoader;
import io.pilothouse.styles.Theme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code gui} opens with: the command line wins; what it leaves open comes from the saved preferences (the
 * theme and workspace last used); then the app's defaults.
 */
final class GuiStartChoices {

    private final UserPreferences saved;

    GuiStartChoices(UserPreferences saved) {
        this.saved = saved;
    }

    /** {@code --theme} if given, else the saved theme, else light. A saved name this version does not know is skipped. */
    Theme theme(String option) {
        if (option != null) {
            return Themes.parse(option);
        }
        return saved.themeName().flatMap(GuiStartChoices::knownTheme).orElse(Theme.LIGHT);
    }

    /**
     * The workspace the options name; with none named, the workspace last opened if its file still exists; else
     * the options' own default (the default workspace file, or a clear error).
     */
    Workspace workspace(SourceOptions source) {
        if (source.choice == null) {
            var last = saved.lastWorkspaceFile().filter(Files::isRegularFile);
            if (last.isPresent()) {
                try {
                    return new WorkspaceLoader().load(last.get());
                } catch (WorkspaceException e) {
                    throw new UserException(e.getMessage() + " (the workspace last opened; name another with "
                            + "--workspace FILE)", 2);
                }
            }
        }
        return source.workspace();
    }

    /** The preferences with the workspace file the options name as the last one opened. */
    UserPreferences remembering(SourceOptions source) {
        Path file = source.choice == null ? null : source.choice.workspace;
        return file == null ? saved : saved.withLastWorkspace(file);
    }

    private static Optional<Theme> knownTheme(String name) {
        try {
            return Optional.of(Theme.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
